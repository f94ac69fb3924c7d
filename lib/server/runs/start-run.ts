import "server-only";
import { randomUUID } from "node:crypto";
import { ApiError } from "@/lib/api-error";
import type { RunDto, RunScope } from "@/lib/schemas/runs";
import { recordAuditSafely } from "@/lib/server/audit";
import { SYSTEM_ACTOR } from "@/lib/server/audit/record-audit";
import { getJobQueue } from "@/lib/server/jobs";
import { countRunStarted } from "@/lib/server/metrics";
import type { RequestContext } from "@/lib/server/request-context";
import { getStore } from "@/lib/server/store";
import { RUN_ITEMS_QUEUE, type RunItemJob } from "./execute-items";
import { toRunDto } from "./run-dto";
import { selectCredentials } from "./select-credentials";

// Starts a run: its items are written first (so progress is readable at once), then queued. The run goes on in the
// background, whoever closes their browser. One running run per operator: a run is one action, and its items do
// not spend the operator's per-minute test budget.

export async function startRun(context: RequestContext, scope: RunScope): Promise<RunDto> {
  const store = await getStore();
  const [running] = await store.checkRuns.listRunningRuns(context.operator.id);
  if (running) {
    throw new ApiError("conflict", "You already have a test-all run in progress.", { hint: "Wait for it to end, or cancel it." });
  }
  const targets = await selectCredentials(scope);
  if (targets.length === 0) throw new ApiError("validation_failed", "No credential matches: there is nothing to test.");
  const run = await store.checkRuns.createRun({
    id: randomUUID(),
    startedBy: context.operator.id,
    startedByName: context.operator.name,
    scope,
    items: targets.map((target) => ({ credentialId: target.id, label: target.label, issuer: target.issuer })),
  });
  try {
    await getJobQueue().send<RunItemJob>(
      RUN_ITEMS_QUEUE,
      targets.map((target) => ({ runId: run.id, credentialId: target.id, issuer: target.issuer })),
    );
  } catch (error) {
    await store.checkRuns.failRun(run.id, "its items could not be queued");
    throw error;
  }
  countRunStarted(context.operator.id === SYSTEM_ACTOR.id ? "schedule" : "operator");
  await recordAuditSafely(context, "run.start", { detail: { runId: run.id, scope: scope.kind, total: run.total } });
  return toRunDto(run);
}
