import type { OperatorKind, Role, RoleSource } from "@/lib/schemas/roles";
import type { AuditEntry } from "./types";

// Operators and their sessions, as the store keeps them. The effective role is worked out by lib/server/auth.

export interface OperatorRow {
  id: string; // the ZITADEL user id (sub)
  kind: OperatorKind;
  login: string | null;
  name: string;
  email: string | null;
  signInRole: Role | null; // from the last sign-in's claims or the static map
  roleSource: RoleSource | null;
  roleCap: Role | null; // set by an admin: the operator never gets more than this
  isDisabled: boolean;
  lastSignInAt: string | null;
  /** A machine's org (name, else id) and its last validated bearer token; null for people. */
  org: string | null;
  lastSeenAt: string | null;
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

/** A service user whose bearer token was just validated: what its claims said. */
export interface MachineSighting {
  id: string;
  login: string | null;
  name: string;
  org: string | null;
  signInRole: Role | null;
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
  /**
   * Upserts a machine from its validated token's claims (role, name, org, last seen); the admin's cap and block stay.
   * A person's row is never turned into a machine: null then.
   */
  recordMachine(sighting: MachineSighting): Promise<OperatorRow | null>;
  listOperators(): Promise<OperatorRow[]>;
  getOperator(id: string): Promise<OperatorRow | null>;
  /**
   * Applies the patch if `version` is current (StoreConflictError otherwise), with its audit row. Disabling or
   * capping (a cap set) also ends every session of the operator, in the same transaction: a later re-enable
   * revives none.
   */
  updateOperator(id: string, expectedVersion: number, patch: OperatorPatch, audit: AuditEntry): Promise<OperatorRow>;
}
