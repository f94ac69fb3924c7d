import "server-only";
import { ApiError } from "@/lib/api-error";
import type { RunDto } from "@/lib/schemas/runs";
import { recordAuditSafely } from "@/lib/server/audit";
import { countRunFinished } from "@/lib/server/metrics";
import type { RequestContext } from "@/lib/server/request-context";
import { getStore } from "@/lib/server/store";
import { toRunDto } from "./run-dto";

// Cancelling stops handing out items at once (every instance sees the run's state before it claims one); items
// already being tested finish and are recorded.

export async function cancelRun(context: RequestContext, id: string): Promise<RunDto> {
  const runs = (await getStore()).checkRuns;
  const cancelled = await runs.cancelRun(id, `cancelled by ${context.operator.name}`);
  if (cancelled) {
    countRunFinished("cancelled");
    await recordAuditSafely(context, "run.cancel", {
      detail: { runId: id, done: cancelled.total - cancelled.counts.pending - cancelled.counts.running },
    });
    return toRunDto(cancelled);
  }
  const run = await runs.getRun(id);
  if (!run) throw new ApiError("not_found", "No such run.");
  throw new ApiError("conflict", `This run has already ended (${run.state}).`);
}
