import "server-only";
import type { TestHistory } from "@/lib/schemas/diagnostics";
import { getStore, type CredentialRow, type TestRunRow } from "@/lib/server/store";

/** A credential's recent token tests and org lookups, newest first. */
export async function listTestHistory(credential: CredentialRow, limit: number): Promise<TestHistory> {
  const runs = await (await getStore()).listTestRuns(credential.id, limit);
  return { items: runs.map(toHistoryItem) };
}

function toHistoryItem(run: TestRunRow): TestHistory["items"][number] {
  return {
    id: run.id,
    at: run.at,
    kind: run.kind,
    operator: run.actorName ?? run.actor,
    outcome: run.outcome,
    httpStatus: run.httpStatus,
    latencyMs: run.latencyMs,
    orgId: run.orgId,
    orgName: run.orgName,
    cached: run.cached,
  };
}
