import "server-only";
import { randomUUID } from "node:crypto";
import type { AuditAction } from "@/lib/schemas/audit";
import type { AuditEntry, CredentialRow, Store } from "../types";
import type { WriterReport } from "./increments";

// Shared by the store suite and the drivers' harnesses.

export interface StoreHarness {
  store: Store;
  /** SQL on a separate raw connection, as someone with database access (not the store) would send it. */
  rawExec(statement: string): Promise<void>;
  /** A query on that raw connection, rows as the driver returns them. */
  rawQuery(statement: string): Promise<Record<string, unknown>[]>;
  /** `writers` concurrent writers, each making `perWriter` successful version-checked updates. */
  concurrentIncrements(credentialId: string, writers: number, perWriter: number): Promise<WriterReport[]>;
  close(): Promise<void>;
}

export function newCredential(overrides: Partial<CredentialRow> = {}): CredentialRow {
  const id = overrides.id ?? randomUUID();
  const now = new Date().toISOString();
  return {
    id,
    label: `Credential ${id.slice(0, 8)}`,
    issuer: "https://acme.zitadel.cloud",
    clientId: `client-${id}`,
    secretEnvelope: null,
    secretHint: null,
    secretUpdatedAt: null,
    scopes: "openid",
    orgId: null,
    authMethod: "basic",
    tags: [],
    notes: "",
    createdAt: now,
    createdBy: "operator-1",
    updatedAt: now,
    version: 1,
    kind: "client_secret",
    keyId: null,
    keyUserId: null,
    keyFingerprint: null,
    expiresAt: null,
    serviceUser: null,
    ...overrides,
  };
}

export function auditEntry(action: AuditAction, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return { actor: "operator-1", actorName: "Ada", action, outcome: "success", requestId: randomUUID(), ip: "203.0.113.9", ...overrides };
}

/** The stale cut-off the store is always given: here the settings' default, 24 hours before now. */
export function dayAgo(): string {
  return new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString();
}
