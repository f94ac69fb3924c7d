import "server-only";
import type { CredentialFilter } from "@/lib/schemas/credential";
import type { RunScope } from "@/lib/schemas/runs";
import { listFilteredCredentialIds } from "@/lib/server/health";
import { getStore, type CredentialName } from "@/lib/server/store";

// Which credentials a run covers, oldest first. "filter" takes the ids the list's own filter leaves, so a run tests
// what the page shows.

export type RunTarget = Pick<CredentialName, "id" | "label" | "issuer">;

export async function selectCredentials(scope: RunScope): Promise<RunTarget[]> {
  const store = await getStore();
  if (scope.kind === "all") return (await store.credentials.listNames()).map(toTarget);
  if (scope.kind === "selected") return (await store.credentials.listNames(scope.ids)).map(toTarget);
  return selectByFilter(scope.filter);
}

// The same filter the list applies (health status with the configured stale cut-off, org, issuer, tag, search).
async function selectByFilter(filter: CredentialFilter): Promise<RunTarget[]> {
  const ids = await listFilteredCredentialIds(filter);
  if (ids.length === 0) return [];
  return (await (await getStore()).credentials.listNames(ids)).map(toTarget);
}

function toTarget(row: CredentialName): RunTarget {
  return { id: row.id, label: row.label, issuer: row.issuer };
}
