import "server-only";
import { ApiError } from "@/lib/api-error";
import type { ProvisioningJob, ResumeJobInput } from "@/lib/schemas/provisioning";
import { recordAudit } from "@/lib/server/audit";
import type { RequestContext } from "@/lib/server/request-context";
import { getStore } from "@/lib/server/store";
import { resolveAuthority } from "./authorities";
import { stepsToResume, toJobDto } from "./job-dto";
import { queueJob } from "./job-queue";
import { readJob } from "./read-jobs";

// Resumes a failed job from its failed step, perhaps with another authority or without the role. failed → running is
// a compare-and-set, with the job queued in the same write: of two resumes at once, one queues the job, the other gets 409.

export async function resumeJob(context: RequestContext, id: string, input: ResumeJobInput): Promise<ProvisioningJob> {
  const job = await readJob(id);
  if (job.state !== "failed") throw notResumable(job.state);
  const ref =
    input.authority ?? (job.authority.kind === "operator" ? { kind: "operator" as const } : provisionerRef(job.authority.credentialId));
  const authority = await resolveAuthority(context, ref, job.issuer);
  const plan = stepsToResume(job.steps, input.skipRole ?? false);
  if (!plan) throw notResumable(job.state);
  const resumed = await (
    await getStore()
  ).provisioning.transitionJob(
    id,
    "failed",
    "running",
    { steps: plan.steps, authority: { kind: authority.kind, credentialId: authority.credentialId, label: authority.label } },
    (tx) => queueJob(tx, { jobId: id, from: plan.from, context }),
  );
  if (!resumed) throw notResumable("running");
  await recordAudit(context, "provisioning.resume", {
    detail: { jobId: id, from: plan.from, authority: authority.kind, skipRole: input.skipRole ?? false },
  });
  return toJobDto(resumed);
}

function provisionerRef(credentialId: string | null) {
  return { kind: "provisioner" as const, credentialId: credentialId ?? "" };
}

function notResumable(state: string): ApiError {
  return new ApiError("conflict", `Only a failed job can be resumed; this one is ${state}.`, {
    hint: state === "running" ? "Wait for it to finish or fail." : undefined,
  });
}
