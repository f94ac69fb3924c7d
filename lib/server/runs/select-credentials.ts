import "server-only";
import { ApiError } from "@/lib/api-error";
import type { RunFilter, RunScope } from "@/lib/schemas/runs";
import { getStore, type CredentialRow } from "@/lib/server/store";

// Which credentials a run covers. "filter" pages through the list the way the list page asks for it, so a run tests
// what the page shows.

export type RunTarget = Pick<CredentialRow, "id" | "label" | "issuer">;

const PAGE = 200;

export async function selectCredentials(scope: RunScope): Promise<RunTarget[]> {
  const store = await getStore();
  if (scope.kind === "all") return (await store.listAllCredentials()).map(toTarget);
  if (scope.kind === "selected") {
    const wanted = new Set(scope.ids);
    return (await store.listAllCredentials()).filter((row) => wanted.has(row.id)).map(toTarget);
  }
  return selectByFilter(scope.filter);
}

async function selectByFilter(filter: RunFilter): Promise<RunTarget[]> {
  // Health status and last known org need the health columns of the list; until the list filters by them, a run
  // refuses them rather than test more than the page shows.
  if (filter.status || filter.org) {
    throw new ApiError("validation_failed", "A run cannot yet select by health status or organization.", {
      hint: "Clear the status and organization filters, or select the credentials to test.",
    });
  }
  const store = await getStore();
  const targets: RunTarget[] = [];
  let cursor: string | null = null;
  do {
    const page = await store.listCredentials({ search: filter.search, tag: filter.tag, limit: PAGE, cursor, sort: "label", order: "asc" });
    targets.push(...page.items.filter((row) => !filter.issuer || row.issuer === filter.issuer).map(toTarget));
    cursor = page.nextCursor;
  } while (cursor);
  return targets;
}

function toTarget(row: CredentialRow): RunTarget {
  return { id: row.id, label: row.label, issuer: row.issuer };
}
