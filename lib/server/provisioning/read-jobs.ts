import "server-only";
import { ApiError } from "@/lib/api-error";
import { getEnv } from "@/lib/env";
import type { ProvisioningJob } from "@/lib/schemas/provisioning";
import { getStore, type ProvisioningJobRow } from "@/lib/server/store";
import { makeDiagnosis } from "@/lib/server/zitadel";
import { toJobDto, withStep } from "./job-dto";
import { activeJobs } from "./run-job";

// Jobs as the pages poll them. Expired secret offers are wiped on the way. A job left "running" by a process that
// stopped (a restart, a crash) is failed here once it has not moved for longer than any step can take, so it can be
// resumed instead of looking busy forever.

const LIST_LIMIT = 50;

export async function listJobs(): Promise<{ items: ProvisioningJob[] }> {
  const store = (await getStore()).provisioning;
  await store.wipeExpiredSecretOffers();
  const rows = await store.listJobs(LIST_LIMIT);
  return { items: (await Promise.all(rows.map(failIfAbandoned))).map(toJobDto) };
}

export async function getJob(id: string): Promise<ProvisioningJob> {
  await (await getStore()).provisioning.wipeExpiredSecretOffers();
  return toJobDto(await readJob(id));
}

export async function readJob(id: string): Promise<ProvisioningJobRow> {
  const row = await (await getStore()).provisioning.getJob(id);
  if (!row) throw new ApiError("not_found", "No such provisioning job.");
  return failIfAbandoned(row);
}

function abandonedAfterMs(): number {
  const env = getEnv();
  return env.PROVISIONING_SECRET_WAIT_SECONDS * 1000 + env.UPSTREAM_TIMEOUT_MS * 3 + 60_000;
}

async function failIfAbandoned(row: ProvisioningJobRow): Promise<ProvisioningJobRow> {
  if (row.state !== "running" || activeJobs.has(row.id)) return row;
  if (Date.now() - Date.parse(row.updatedAt) < abandonedAfterMs()) return row;
  const running = row.steps.find((step) => step.state === "running") ?? row.steps.find((step) => step.state === "pending");
  const diagnosis = makeDiagnosis("unknown", {
    explanation: "The console stopped while this step ran (a restart or a crash), so its outcome is unknown. Resume the job to go on.",
    retryable: true,
  });
  const steps = running
    ? withStep(row.steps, running.name, { state: "failed", diagnosis, detail: diagnosis.title, finishedAt: new Date().toISOString() })
    : row.steps;
  return (await (await getStore()).provisioning.transitionJob(row.id, "running", "failed", { steps })) ?? row;
}
