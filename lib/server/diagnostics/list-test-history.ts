import "server-only";
import type { TestHistory } from "@/lib/schemas/diagnostics";
import { requireCredentialRow } from "@/lib/server/credentials/get-credential";
import { getStore, type TestRunRow } from "@/lib/server/store";

/** A credential's recent token tests and org lookups, newest first. */
export async function listTestHistory(credentialId: string, limit: number): Promise<TestHistory> {
  const { id } = await requireCredentialRow(credentialId);
  const runs = await (await getStore()).testRuns.list(id, limit);
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
