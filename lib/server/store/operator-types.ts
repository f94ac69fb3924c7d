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
  /** Upserts the operator and opens a session, with the sign-in's audit row, in one transaction. */
  recordSignIn(signIn: SignIn, audit: AuditEntry): Promise<OperatorRow>;
  /** The session and its operator while the session is neither revoked nor expired. */
  getLiveSession(idHash: string): Promise<{ session: SessionRow; operator: OperatorRow } | null>;
  /** Ends a live session; true when this call ended it (so the sign-out is recorded once). */
  revokeSession(idHash: string): Promise<SessionRow | null>;
  listOperators(): Promise<OperatorRow[]>;
  getOperator(id: string): Promise<OperatorRow | null>;
  /** Applies the patch if `version` is current (StoreConflictError otherwise), with its audit row. */
  updateOperator(id: string, expectedVersion: number, patch: OperatorPatch, audit: AuditEntry): Promise<OperatorRow>;
}
