import "server-only";
import { jobStepNames, type JobStep, type JobStepName, type ProvisioningJob } from "@/lib/schemas/provisioning";
import type { ProvisioningJobRow } from "@/lib/server/store";

// A job as the API answers it: its input, steps and whether the one-time secret offer still stands. Never a secret.

export function toJobDto(row: ProvisioningJobRow): ProvisioningJob {
  const { userName, name, description, accessTokenType, orgId, role } = row.input;
  return {
    id: row.id,
    state: row.state,
    issuer: row.issuer,
    authority: row.authority,
    input: { userName, name, description, accessTokenType, orgId, role },
    steps: row.steps,
    userId: row.userId,
    credentialId: row.credentialId,
    startedBy: { id: row.startedBy, name: row.startedByName ?? row.startedBy },
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    secretOffer: row.hasSecretOffer,
  };
}

export function newSteps(withRole: boolean): JobStep[] {
  return jobStepNames.map((name) => ({
    name,
    state: name === "grant_role" && !withRole ? "skipped" : "pending",
    detail: name === "grant_role" && !withRole ? "No manager role was asked for." : null,
    diagnosis: null,
    attempts: 0,
    finishedAt: null,
  }));
}

export function withStep(steps: JobStep[], name: JobStepName, change: Partial<JobStep>): JobStep[] {
  return steps.map((step) => (step.name === name ? { ...step, ...change } : step));
}

/**
 * The steps a resume runs again, from the failed one. A failed `register` goes back to `generate_secret`: the secret's
 * plaintext lived only in the memory of the run that failed, so a new one is generated.
 */
export function stepsToResume(steps: JobStep[], skipRole: boolean): { from: JobStepName; steps: JobStep[] } | null {
  const failed = steps.find((step) => step.state === "failed" || step.state === "running");
  if (!failed) return null;
  const from: JobStepName = failed.name === "register" ? "generate_secret" : failed.name;
  const start = jobStepNames.indexOf(from);
  const reset = steps.map((step) => {
    const index = jobStepNames.indexOf(step.name);
    if (step.name === "grant_role" && skipRole && step.state !== "done") {
      return { ...step, state: "skipped" as const, detail: "Skipped on resume: no manager role.", diagnosis: null };
    }
    if (index < start || step.state === "skipped") return step;
    return { ...step, state: "pending" as const, diagnosis: null, detail: null, finishedAt: null };
  });
  return { from, steps: reset };
}
