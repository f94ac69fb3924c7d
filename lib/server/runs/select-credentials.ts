import "server-only";
import type { CredentialFilter } from "@/lib/schemas/credential";
import type { RunScope } from "@/lib/schemas/runs";
import { listFilteredCredentialIds } from "@/lib/server/health";
import { getStore, type CredentialRow } from "@/lib/server/store";

// Which credentials a run covers. "filter" pages through the list the way the list page asks for it, so a run tests
// what the page shows.

export type RunTarget = Pick<CredentialRow, "id" | "label" | "issuer">;

export async function selectCredentials(scope: RunScope): Promise<RunTarget[]> {
  const store = await getStore();
  if (scope.kind === "all") return (await store.listAllCredentials()).map(toTarget);
  if (scope.kind === "selected") {
    const wanted = new Set(scope.ids);
    return (await store.listAllCredentials()).filter((row) => wanted.has(row.id)).map(toTarget);
  }
  return selectByFilter(scope.filter);
}

// The same filter the list applies (health status with the configured stale cut-off, org, issuer, tag, search).
async function selectByFilter(filter: CredentialFilter): Promise<RunTarget[]> {
  const wanted = new Set(await listFilteredCredentialIds(filter));
  if (wanted.size === 0) return [];
  const store = await getStore();
  return (await store.listAllCredentials()).filter((row) => wanted.has(row.id)).map(toTarget);
}

function toTarget(row: CredentialRow): RunTarget {
  return { id: row.id, label: row.label, issuer: row.issuer };
}
