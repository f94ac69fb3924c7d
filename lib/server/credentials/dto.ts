import "server-only";
import { getEnv } from "@/lib/env";
import type { CredentialDto, CredentialListItem, LastTest } from "@/lib/schemas/credential";
import { toHealth } from "@/lib/server/health";
import type { CredentialRow, CredentialWithLastTest, TestRunRow } from "@/lib/server/store/types";

// The only place a stored row becomes what the API answers. The envelope stays behind; the secret shows as a hint.

const DAY_MS = 24 * 60 * 60 * 1000;

export function toCredentialDto(row: CredentialRow): CredentialDto {
  return {
    id: row.id,
    label: row.label,
    issuer: row.issuer,
    // A key's client ID is its user's id (ZITADEL's iss and sub), whatever internal one keeps two keys apart.
    clientId: row.kind === "jwt_profile" ? (row.keyUserId ?? row.clientId) : row.clientId,
    serviceUser: row.serviceUser,
    scopes: row.scopes,
    orgId: row.orgId,
    authMethod: row.authMethod,
    tags: [...row.tags],
    notes: row.notes,
    kind: row.kind,
    key:
      row.kind === "jwt_profile" && row.keyId && row.keyUserId
        ? { keyId: row.keyId, userId: row.keyUserId, fingerprint: row.keyFingerprint ?? "" }
        : null,
    expiresAt: row.expiresAt,
    expiry: expiryOf(row.expiresAt),
    hasSecret: row.secretEnvelope !== null,
    // A key has no hint: its last characters are PEM armour, and the fingerprint names it better.
    secretHint: row.secretEnvelope !== null && row.kind !== "jwt_profile" ? `••••${row.secretHint ?? ""}` : null,
    secretUpdatedAt: row.secretUpdatedAt,
    version: row.version,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    updatedAt: row.updatedAt,
  };
}

/** Whether a key or PAT is still good, due soon (CREDENTIAL_EXPIRY_WARNING_DAYS) or past; null when no expiry is known. */
export function expiryOf(expiresAt: string | null, now = Date.now()): CredentialDto["expiry"] {
  if (expiresAt === null) return null;
  const left = Date.parse(expiresAt) - now;
  if (Number.isNaN(left)) return null;
  if (left <= 0) return "expired";
  return left <= getEnv().CREDENTIAL_EXPIRY_WARNING_DAYS * DAY_MS ? "expires_soon" : "valid";
}

/** `staleBefore`: checks older than this instant show as stale (lib/server/health). */
export function toCredentialListItem(row: CredentialWithLastTest, staleBefore: string): CredentialListItem {
  return { ...toCredentialDto(row), lastTest: row.lastTest ? toLastTest(row.lastTest) : null, health: toHealth(row.health, staleBefore) };
}

function toLastTest(run: TestRunRow): LastTest {
  return {
    kind: run.kind,
    at: run.at,
    outcome: run.outcome,
    httpStatus: run.httpStatus,
    latencyMs: run.latencyMs,
    orgId: run.orgId,
    orgName: run.orgName,
  };
}

/**
 * The characters the hint may show: the last 4, fewer for short secrets so a hint never gives most of one away.
 * ZITADEL generates 64-character secrets.
 */
export function secretTailOf(secret: string): string {
  const visible = secret.length >= 12 ? 4 : secret.length >= 8 ? 2 : 0;
  return visible === 0 ? "" : secret.slice(-visible);
}
