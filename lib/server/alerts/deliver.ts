import "server-only";
import { createHmac } from "node:crypto";
import { backoffMs, pause } from "@/lib/backoff";
import { getEnv } from "@/lib/env";
import { guardedFetch, OutboundError, type AllowList } from "@/lib/server/http";

// One alert to one webhook: POST with a deadline, retried with exponential backoff while the failure may pass
// (network, timeout, 5xx, 429); a 4xx other than 429 means the receiver refuses this body, so trying again is noise.
// It goes through the guarded client like an issuer call: the address policy (with the webhook's own allow-list), no
// redirects (the configured URL is the only place an alert goes), a deadline and a cap on the answer.

export interface DeliveryOptions {
  /** Tries in all, the first included. */
  attempts: number;
  /** The wait before the second try; each later wait is four times the previous one (1 s, 4 s, 16 s). */
  firstDelayMs: number;
  timeoutMs: number;
  /** Signs the body (HMAC-SHA256) when set. */
  secret?: string;
}

export const DEFAULT_DELIVERY: Omit<DeliveryOptions, "secret"> = { attempts: 4, firstDelayMs: 1_000, timeoutMs: 10_000 };

export interface DeliveryResult {
  delivered: boolean;
  attempts: number;
  /** The last answer's status; null when no answer came (network error, timeout). */
  httpStatus: number | null;
  /** Why the last try failed, in a word; absent when delivered. */
  reason?: FailureReason;
}

export type FailureReason =
  | "receiver_unreachable"
  | "receiver_timeout"
  | "receiver_redirected"
  | "receiver_refused"
  | "receiver_error"
  | "receiver_rate_limited"
  | "receiver_blocked"
  | "backlog_full"
  | "delivery_interrupted";

const PASSING_FAILURES = new Set<FailureReason>(["receiver_unreachable", "receiver_timeout", "receiver_error", "receiver_rate_limited"]);

export const SIGNATURE_HEADER = "x-m2m-console-signature";
export const TIMESTAMP_HEADER = "x-m2m-console-timestamp";

/** `sha256=<hex>` over "<timestamp>.<body>": the timestamp inside the MAC lets a receiver refuse a replay. */
export function signBody(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** True when another try may succeed (network, timeout, 5xx, 429). */
function mayPass(reason: FailureReason | undefined): boolean {
  return reason !== undefined && PASSING_FAILURES.has(reason);
}

/** The wait after the given (1-based) failed try: firstDelayMs, then four times longer each time. */
function retryDelayMs(failedAttempt: number, firstDelayMs: number): number {
  return backoffMs(failedAttempt, { baseMs: firstDelayMs, factor: 4 });
}

/** Every try in one go (one delivery job); the waits between tries do not keep a stopping process alive. */
export async function deliverAlert(url: string, body: string, options: DeliveryOptions): Promise<DeliveryResult> {
  let last: DeliveryResult = { delivered: false, attempts: 0, httpStatus: null, reason: "receiver_unreachable" };
  for (let attempt = 1; attempt <= options.attempts; attempt++) {
    if (attempt > 1) await pause(retryDelayMs(attempt - 1, options.firstDelayMs), undefined, { unref: true });
    last = { ...(await postAlert(url, body, options)), attempts: attempt };
    if (last.delivered || !mayPass(last.reason)) return last;
  }
  return last;
}

/** One try. */
async function postAlert(
  url: string,
  body: string,
  options: Pick<DeliveryOptions, "timeoutMs" | "secret">,
): Promise<Omit<DeliveryResult, "attempts">> {
  const headers: Record<string, string> = { "content-type": "application/json", "user-agent": "m2m-console-alerts" };
  if (options.secret) {
    const timestamp = String(Math.floor(Date.now() / 1000));
    headers[TIMESTAMP_HEADER] = timestamp;
    headers[SIGNATURE_HEADER] = signBody(options.secret, timestamp, body);
  }
  try {
    // The receiver's answer is not ours to keep or show; only its status counts.
    const response = await guardedFetch(url, {
      method: "POST",
      headers,
      body,
      timeoutMs: options.timeoutMs,
      maxBytes: MAX_ANSWER_BYTES,
      allowList: webhookAllowList(),
    });
    const httpStatus = response.status;
    if (httpStatus >= 200 && httpStatus < 300) return { delivered: true, httpStatus };
    return { delivered: false, httpStatus, reason: failureOf(httpStatus) };
  } catch (error) {
    if (!(error instanceof OutboundError)) throw error;
    return { delivered: false, httpStatus: error.status ?? null, reason: REASONS[error.kind] };
  }
}

const MAX_ANSWER_BYTES = 16 * 1024;

function webhookAllowList(): AllowList {
  return { origins: getEnv().ALERT_WEBHOOK_ALLOWED_ORIGINS, setting: "ALERT_WEBHOOK_ALLOWED_ORIGINS" };
}

// A refused address is configuration: trying again cannot help. An oversized answer is the receiver's error.
const REASONS: Record<OutboundError["kind"], FailureReason> = {
  blocked_address: "receiver_blocked",
  redirect: "receiver_redirected",
  timeout: "receiver_timeout",
  too_large: "receiver_error",
  aborted: "receiver_timeout",
  dns: "receiver_unreachable",
  refused: "receiver_unreachable",
  tls: "receiver_unreachable",
  network: "receiver_unreachable",
  closed_before_answer: "receiver_unreachable",
  answer_interrupted: "receiver_error",
};

function failureOf(status: number): FailureReason {
  if (status === 429) return "receiver_rate_limited";
  if (status >= 500) return "receiver_error";
  if (status >= 300 && status < 400) return "receiver_redirected";
  return "receiver_refused";
}
