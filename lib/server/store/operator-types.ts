import type { Role, RoleSource } from "@/lib/schemas/roles";
import type { AuditEntry } from "./types";

// Operators and their sessions, as the store keeps them. The effective role is worked out by lib/server/auth.

export interface OperatorRow {
  id: string; // the ZITADEL user id (sub)
  login: string | null;
  name: string;
  email: string | null;
  signInRole: Role | null; // from the last sign-in's claims or the static map
  roleSource: RoleSource | null;
  roleCap: Role | null; // set by an admin: the operator never gets more than this
  isDisabled: boolean;
  lastSignInAt: string | null;
  createdAt: string;
  updatedAt: string;
  updatedBy: string | null;
  version: number;
}

export interface SignIn {
  operator: Pick<OperatorRow, "id" | "login" | "name" | "email" | "signInRole" | "roleSource">;
  session: {
    idHash: string;
    expiresAt: string;
    idTokenEnvelope: string | null;
    /** The operator's ZITADEL access token, sealed to this session (zitadelTokenContext), and when ZITADEL expires it. */
    zitadelTokenEnvelope?: string | null;
    zitadelTokenExpiresAt?: string | null;
  };
}

export interface SessionRow {
  idHash: string;
  operatorId: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  idTokenEnvelope: string | null;
  zitadelTokenEnvelope: string | null;
  zitadelTokenExpiresAt: string | null;
}

export interface OperatorPatch {
  roleCap?: Role | null;
  isDisabled?: boolean;
  updatedBy: string;
}

export interface OperatorStore {
  /**
   * Upserts the operator and opens a session, with the sign-in's audit row, in one transaction. When ZITADEL's role
   * differs from the last sign-in's, the operator's other sessions end: they were opened under the old role.
   */
  recordSignIn(signIn: SignIn, audit: AuditEntry): Promise<OperatorRow>;
  /** The session and its operator while the session is neither revoked nor expired. */
  getLiveSession(idHash: string): Promise<{ session: SessionRow; operator: OperatorRow } | null>;
  /** Ends a live session; true when this call ended it (so the sign-out is recorded once). */
  revokeSession(idHash: string): Promise<SessionRow | null>;
  /** The operator's sessions that are neither revoked nor expired, newest first. */
  listLiveSessions(operatorId: string): Promise<SessionRow[]>;
  /** How many live sessions each operator has (operators with none are absent). */
  countLiveSessions(): Promise<Record<string, number>>;
  /** Ends every live session of the operator, with its audit row when one is given; answers how many it ended. */
  revokeOperatorSessions(operatorId: string, audit: AuditEntry | null): Promise<number>;
  listOperators(): Promise<OperatorRow[]>;
  getOperator(id: string): Promise<OperatorRow | null>;
  /**
   * Applies the patch if `version` is current (StoreConflictError otherwise), with its audit row. Disabling or
   * capping (a cap set) also ends every session of the operator, in the same transaction: a later re-enable
   * revives none.
   */
  updateOperator(id: string, expectedVersion: number, patch: OperatorPatch, audit: AuditEntry): Promise<OperatorRow>;
}
