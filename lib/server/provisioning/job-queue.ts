import "server-only";
import type { JobStepName } from "@/lib/schemas/provisioning";
import { enqueue, work } from "@/lib/server/jobs";
import type { RequestContext } from "@/lib/server/request-context";
import { getStore, type StoreTransaction } from "@/lib/server/store";
import { abandonQueuedJob, runQueuedJob } from "./run-job";

// Provisioning jobs on the console's job queue: queued in the same write as the job row (a row never waits for a job
// that was not queued), worked by any instance, taken over when the instance that had it died.

export const PROVISIONING_QUEUE = "provisioning-jobs";
const OFFER_WIPE_QUEUE = "provisioning-offer-wipes";
// Jobs one instance runs at once; each mostly waits on ZITADEL.
const CONCURRENCY = 4;
// A try cut short by a dying instance is tried again twice, then the job ends failed (it can be resumed).
const RETRY = { limit: 2, delayMs: 1_000 };

export interface ProvisioningJobData {
  jobId: string;
  /** The first step to run; earlier ones (and any already done) are skipped. */
  from: JobStepName;
  /** Whose action it is: the operator's session (for their own ZITADEL token) and the request that started it. */
  context: RequestContext;
}

export function queueJob(tx: StoreTransaction, data: ProvisioningJobData): Promise<void> {
  return enqueue(PROVISIONING_QUEUE, data, { tx, retry: RETRY });
}

/** A job that wipes the secret offers expired by `at` (the offer's end), so none outlives it in the database. */
export function queueOfferWipe(at: Date): Promise<void> {
  return enqueue(OFFER_WIPE_QUEUE, {}, { startAfter: at });
}

export async function startProvisioningWorker(): Promise<void> {
  await work<ProvisioningJobData>(PROVISIONING_QUEUE, runQueuedJob, { concurrency: CONCURRENCY, giveUp: abandonQueuedJob });
  await work(OFFER_WIPE_QUEUE, async () => void (await (await getStore()).provisioning.wipeExpiredSecretOffers()));
}
