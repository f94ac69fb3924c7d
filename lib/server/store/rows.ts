import "server-only";
import type { Insertable, Selectable, Updateable } from "kysely";
import type { AuditLogTable, CredentialsTable, TestRunsTable, TokenCacheTable } from "./schema";
import type {
  AuditEntry,
  AuditRow,
  AuthMethod,
  CachedTokenRow,
  CredentialKind,
  CredentialPatch,
  CredentialRow,
  TestKind,
  TestRunRow,
} from "./types";

// Database rows ⇄ contract rows: ISO 8601 UTC strings, real booleans, parsed JSON.

/** Normalises any accepted timestamp to `YYYY-MM-DDTHH:mm:ss.sssZ`, so text order is time order in SQLite. */
export function toIso(value: string | Date): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new TypeError(`not a timestamp: ${String(value)}`);
  return date.toISOString();
}

function toIsoOrNull(value: string | Date | null): string | null {
  return value === null ? null : toIso(value);
}

function parseJson<T>(text: string | null, fallback: T): T {
  if (text === null) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export function toCredentialRow(row: Selectable<CredentialsTable>): CredentialRow {
  return {
    id: row.id,
    label: row.label,
    issuer: row.issuer,
    clientId: row.client_id,
    secretEnvelope: row.secret_envelope,
    secretHint: row.secret_hint,
    secretUpdatedAt: toIsoOrNull(row.secret_updated_at),
    scopes: row.scopes,
    orgId: row.org_id,
    authMethod: row.auth_method as AuthMethod,
    tags: parseJson<string[]>(row.tags, []),
    notes: row.notes,
    createdAt: toIso(row.created_at),
    createdBy: row.created_by,
    updatedAt: toIso(row.updated_at),
    version: Number(row.version),
    kind: row.kind as CredentialKind,
    keyId: row.key_id,
    keyUserId: row.key_user_id,
    keyFingerprint: row.key_fingerprint,
    expiresAt: toIsoOrNull(row.expires_at),
    serviceUser: row.service_user,
  };
}

export function credentialValues(row: CredentialRow): Insertable<CredentialsTable> {
  return {
    id: row.id,
    label: row.label,
    issuer: row.issuer,
    client_id: row.clientId,
    secret_envelope: row.secretEnvelope,
    secret_hint: row.secretHint,
    secret_updated_at: row.secretUpdatedAt === null ? null : toIso(row.secretUpdatedAt),
    scopes: row.scopes,
    org_id: row.orgId,
    auth_method: row.authMethod,
    tags: JSON.stringify(row.tags),
    notes: row.notes,
    created_at: toIso(row.createdAt),
    created_by: row.createdBy,
    updated_at: toIso(row.updatedAt),
    version: row.version,
    kind: row.kind,
    key_id: row.keyId,
    key_user_id: row.keyUserId,
    key_fingerprint: row.keyFingerprint,
    expires_at: row.expiresAt === null ? null : toIso(row.expiresAt),
    service_user: row.serviceUser,
  };
}

export function patchValues(patch: CredentialPatch): Updateable<CredentialsTable> {
  const values: Updateable<CredentialsTable> = {};
  if (patch.label !== undefined) values.label = patch.label;
  if (patch.issuer !== undefined) values.issuer = patch.issuer;
  if (patch.clientId !== undefined) values.client_id = patch.clientId;
  if (patch.secretEnvelope !== undefined) values.secret_envelope = patch.secretEnvelope;
  if (patch.secretHint !== undefined) values.secret_hint = patch.secretHint;
  if (patch.secretUpdatedAt !== undefined) values.secret_updated_at = patch.secretUpdatedAt === null ? null : toIso(patch.secretUpdatedAt);
  if (patch.scopes !== undefined) values.scopes = patch.scopes;
  if (patch.orgId !== undefined) values.org_id = patch.orgId;
  if (patch.authMethod !== undefined) values.auth_method = patch.authMethod;
  if (patch.tags !== undefined) values.tags = JSON.stringify(patch.tags);
  if (patch.notes !== undefined) values.notes = patch.notes;
  if (patch.keyId !== undefined) values.key_id = patch.keyId;
  if (patch.keyUserId !== undefined) values.key_user_id = patch.keyUserId;
  if (patch.keyFingerprint !== undefined) values.key_fingerprint = patch.keyFingerprint;
  if (patch.expiresAt !== undefined) values.expires_at = patch.expiresAt === null ? null : toIso(patch.expiresAt);
  return values;
}

export function auditValues(entry: AuditEntry, at: string): Insertable<AuditLogTable> & { at: string } {
  return {
    at,
    actor: entry.actor,
    actor_name: entry.actorName ?? null,
    action: entry.action,
    credential_id: entry.credentialId ?? null,
    issuer: entry.issuer ?? null,
    client_id: entry.clientId ?? null,
    outcome: entry.outcome,
    http_status: entry.httpStatus ?? null,
    detail: entry.detail ? JSON.stringify(entry.detail) : null,
    request_id: entry.requestId ?? null,
    ip: entry.ip ?? null,
  };
}

export function toAuditRow(row: Selectable<AuditLogTable>): Omit<AuditRow, "credentialExists" | "actorKind"> {
  return {
    id: String(row.id),
    at: toIso(row.at),
    actor: row.actor,
    actorName: row.actor_name,
    action: row.action,
    credentialId: row.credential_id,
    issuer: row.issuer,
    clientId: row.client_id,
    outcome: row.outcome as AuditRow["outcome"],
    httpStatus: row.http_status,
    detail: parseJson<Record<string, unknown> | null>(row.detail, null),
    requestId: row.request_id,
    ip: row.ip,
  };
}

export function toTestRunRow(row: Selectable<TestRunsTable>): TestRunRow {
  return {
    id: String(row.id),
    credentialId: row.credential_id,
    kind: row.kind as TestKind,
    at: toIso(row.at),
    actor: row.actor,
    actorName: row.actor_name,
    outcome: row.outcome,
    httpStatus: row.http_status,
    latencyMs: row.latency_ms,
    orgId: row.org_id,
    orgName: row.org_name,
    cached: Boolean(row.cached),
    requestId: row.request_id,
    upstreamError: row.upstream_error
      ? { error: row.upstream_error, ...(row.upstream_description ? { description: row.upstream_description } : {}) }
      : null,
  };
}

export function toCachedTokenRow(row: Selectable<TokenCacheTable>): CachedTokenRow {
  return {
    credentialId: row.credential_id,
    scopeKey: row.scope_key,
    tokenEnvelope: row.token_envelope,
    expiresAt: toIso(row.expires_at),
    obtainedAt: toIso(row.obtained_at),
    metadata: parseJson<Record<string, unknown>>(row.metadata, {}),
  };
}
