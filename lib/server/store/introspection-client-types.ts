import type { IntrospectionMethod } from "@/lib/schemas/introspection";
import type { AuditEntry } from "./types";

// The application each issuer's tokens are introspected with. Its secret (or its key's PEM) exists here only sealed.

export interface IntrospectionClientRow {
  id: string;
  issuer: string; // normalized origin, like a credential's
  method: IntrospectionMethod;
  clientId: string;
  secretEnvelope: string; // AAD bound to id + issuer + clientId (introspectionClientContext)
  keyId: string | null; // private_key_jwt: the key file's keyId, sent as the assertion's kid
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  version: number;
}

export interface IntrospectionClientStore {
  list(): Promise<IntrospectionClientRow[]>;
  get(id: string): Promise<IntrospectionClientRow | null>;
  getForIssuer(issuer: string): Promise<IntrospectionClientRow | null>;
  /** Inserts the row and its audit entry in one transaction. Throws StoreConflictError("duplicate") when the issuer has one. */
  create(row: IntrospectionClientRow, audit: AuditEntry): Promise<IntrospectionClientRow>;
  /** Throws StoreNotFoundError, or StoreConflictError("version") when `expectedVersion` is stale. */
  delete(id: string, expectedVersion: number, audit: AuditEntry): Promise<IntrospectionClientRow>;
  /** Key rotation: replaces the envelope only if it still equals `expected` (no version bump: the secret is the same). */
  rewrap(id: string, expected: string, next: string): Promise<boolean>;
}
