import "server-only";
import { ApiError } from "@/lib/api-error";
import type { ProvisioningJob } from "@/lib/schemas/provisioning";
import { getStore, type ProvisioningJobRow } from "@/lib/server/store";
import { toJobDto } from "./job-dto";

// Jobs as the pages poll them: reads only. A job whose instance died is taken over by another instance's worker, or
// ended failed by the queue once it gave up (see job-queue.ts); an expired secret offer reads as gone and is wiped by
// a job of its own.

const LIST_LIMIT = 50;

export async function listJobs(): Promise<{ items: ProvisioningJob[] }> {
  const rows = await (await getStore()).provisioning.listJobs(LIST_LIMIT);
  return { items: rows.map(toJobDto) };
}

export async function getJob(id: string): Promise<ProvisioningJob> {
  return toJobDto(await readJob(id));
}

export async function readJob(id: string): Promise<ProvisioningJobRow> {
  const row = await (await getStore()).provisioning.getJob(id);
  if (!row) throw new ApiError("not_found", "No such provisioning job.");
  return row;
}
