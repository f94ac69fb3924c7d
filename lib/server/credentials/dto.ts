import "server-only";
import type { CredentialDto, CredentialListItem, LastTest } from "@/lib/schemas/credential";
import type { CredentialRow, CredentialWithLastTest, TestRunRow } from "@/lib/server/store/types";

// The only place a stored row becomes what the API answers. The envelope stays behind; the secret shows as a hint.

export function toCredentialDto(row: CredentialRow): CredentialDto {
  return {
    id: row.id,
    label: row.label,
    issuer: row.issuer,
    clientId: row.clientId,
    scopes: row.scopes,
    orgId: row.orgId,
    authMethod: row.authMethod,
    tags: [...row.tags],
    notes: row.notes,
    hasSecret: row.secretEnvelope !== null,
    secretHint: row.secretEnvelope !== null ? `••••${row.secretHint ?? ""}` : null,
    secretUpdatedAt: row.secretUpdatedAt,
    version: row.version,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    updatedAt: row.updatedAt,
  };
}

export function toCredentialListItem(row: CredentialWithLastTest): CredentialListItem {
  return { ...toCredentialDto(row), lastTest: row.lastTest ? toLastTest(row.lastTest) : null };
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
