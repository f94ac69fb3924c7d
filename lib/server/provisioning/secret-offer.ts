import "server-only";
import { ApiError } from "@/lib/api-error";
import { recordAudit } from "@/lib/server/audit";
import { DecryptError, open, secretOfferContext } from "@/lib/server/crypto";
import type { RequestContext } from "@/lib/server/request-context";
import { getStore } from "@/lib/server/store";
import { readJob } from "./read-jobs";

// The one-time "copy the secret for use elsewhere": to the operator who started the job, once, within 10 minutes of
// its generation. Taking it wipes it from the job row in the same step, so a second ask (or anyone else's) gets 410.

const GONE = "The secret is no longer on offer: it was taken, it expired after 10 minutes, or this is not your job.";

export async function takeSecretOffer(context: RequestContext, jobId: string): Promise<{ clientId: string; clientSecret: string }> {
  const job = await readJob(jobId);
  const envelope = await (await getStore()).provisioning.takeSecretOffer(jobId, context.operator.id);
  if (!envelope || !job.userId) {
    await recordAudit(context, "provisioning.secret_offer", { outcome: "denied", httpStatus: 410, detail: { jobId } });
    throw new ApiError("gone", GONE, { hint: 'Rotate the secret from the credential\'s page if you need it again ("Rotate in ZITADEL").' });
  }
  try {
    const clientSecret = open(envelope, secretOfferContext(jobId, job.userId));
    await recordAudit(context, "provisioning.secret_offer", { detail: { jobId, userId: job.userId } });
    return { clientId: job.input.userName, clientSecret };
  } catch (error) {
    if (error instanceof DecryptError) throw new ApiError("gone", GONE);
    throw error;
  }
}
