import "server-only";
import { ApiError } from "@/lib/api-error";
import { backoffMs, pause } from "@/lib/backoff";
import { getEnv } from "@/lib/env";
import type { Diagnosis, DiagnosisCode, TokenTestResult } from "@/lib/schemas/diagnostics";
import { holdChanges, notifyHeldChanges, type StatusChange } from "@/lib/server/alerts";
import { runTokenTest } from "@/lib/server/diagnostics";
import type { RequestContext } from "@/lib/server/request-context";
import { makeDiagnosis } from "@/lib/server/zitadel";

// A secret ZITADEL just generated is not accepted at once (eventual consistency: "secret not ready", or for a moment
// the old one's "invalid secret"). The token test runs again with backoff until ZITADEL accepts it or the wait is up.
// Each try is a real token test (history, health and audit follow) and counts against the credential's limit. The
// alert webhook hears only the net change of the whole wait: a secret that is "not ready" for two seconds and then
// works must not page anyone twice.

const BASE_MS = 500;
const CAP_MS = 4_000;

export interface WaitedToken {
  ok: boolean;
  diagnosis: Diagnosis | null;
  attempts: number;
}

export async function waitForToken(
  context: RequestContext,
  credentialId: string,
  retryOn: readonly DiagnosisCode[] = ["secret_not_ready", "invalid_secret"],
): Promise<WaitedToken> {
  const held = holdChanges();
  try {
    return await retry(context, credentialId, retryOn, held.hold);
  } finally {
    notifyHeldChanges(held);
  }
}

async function retry(
  context: RequestContext,
  credentialId: string,
  retryOn: readonly DiagnosisCode[],
  holdAlert: (change: StatusChange) => void,
): Promise<WaitedToken> {
  const deadline = Date.now() + getEnv().PROVISIONING_SECRET_WAIT_SECONDS * 1000;
  for (let attempt = 1; ; attempt += 1) {
    const result = await tryToken(context, credentialId, holdAlert);
    const code = result.diagnosis?.code;
    if (result.outcome === "ok" || !code) return { ok: true, diagnosis: null, attempts: attempt };
    const wait = backoffMs(attempt, { baseMs: BASE_MS, capMs: CAP_MS });
    const waitable = retryOn.includes(code) || code === "rate_limited";
    if (!waitable || Date.now() + wait > deadline) return { ok: false, diagnosis: result.diagnosis ?? null, attempts: attempt };
    await pause(wait);
  }
}

// A refusal by the console's own limits is a failed try, not an error that ends the whole action.
async function tryToken(
  context: RequestContext,
  credentialId: string,
  holdAlert: (change: StatusChange) => void,
): Promise<Pick<TokenTestResult, "outcome" | "diagnosis">> {
  try {
    return await runTokenTest(context, { credentialId, partOfRun: true, holdAlert });
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== "rate_limited") throw error;
    return { outcome: "failed", diagnosis: makeDiagnosis("rate_limited", { explanation: error.message, retryable: true }) };
  }
}

export function triesDetail(attempts: number): string {
  return attempts === 1 ? "ZITADEL accepted the secret at the first try" : `ZITADEL accepted the new secret after ${attempts} tries`;
}
