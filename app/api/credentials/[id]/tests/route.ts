// GET /api/credentials/:id/tests?limit= — this credential's recent token tests and org lookups, newest first
import { z } from "zod";
import { requireCredentialRow } from "@/lib/server/credentials/get-credential";
import { idParamsSchema, withOperator } from "@/lib/server/route";
import { getStore, type TestRunRow } from "@/lib/server/store";

export const dynamic = "force-dynamic";

const querySchema = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) });

export const GET = withOperator({ params: idParamsSchema, query: querySchema }, async ({ params, query }) => {
  const credential = await requireCredentialRow(params.id);
  const runs = await (await getStore()).listTestRuns(credential.id, query.limit);
  return { items: runs.map(toHistoryItem) };
});

/** Named fields only: the history shows who ran what and what came back, nothing more. */
function toHistoryItem(run: TestRunRow) {
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
