import "server-only";
import { ApiError } from "@/lib/api-error";
import { getEnv } from "@/lib/env";
import { recordAuditSafely, type AuditTarget } from "@/lib/server/audit";
import { withStaleCutoff } from "@/lib/server/health";
import { processSingleton } from "@/lib/server/process-singleton";
import type { RequestContext } from "@/lib/server/request-context";
import { getStore, type Store } from "@/lib/server/store";
import { createIssuerSlots, IssuerBusyError, type IssuerSlots } from "./issuer-slots";
import { openRateLimiters, type RateLimiters, type RateLimitName, type RateTake } from "./rate-limiters";

// Abuse limits the use cases call before they act. Rate limits (per operator, per credential) live in the store's
// database, so they hold across app instances; the caps on concurrent upstream calls, to one issuer and to all of
// them together, are per app instance.
// Every refusal is a 429 with Retry-After and an `access.rate_limited` audit row naming the limit.

/** Opens the limiters (creating their table) at start-up, so the first request does not pay for it. */
export async function prepareLimits(): Promise<void> {
  await getRateLimiters();
}

/**
 * A token test or org lookup: one point from the operator's budget and one from the credential's. An item of a
 * test-all run passes `perOperator: false`: the run is one action of its operator, its items spend only the
 * credential's budget.
 */
export async function limitTests(context: RequestContext, credential: AuditTarget, options: { perOperator?: boolean } = {}): Promise<void> {
  const limiters = await getRateLimiters();
  const budgets: RateTake[] = [
    ["tests_per_operator", context.operator.id],
    ["tests_per_credential", credential.id],
  ];
  const verdict = await limiters.takeEach(options.perOperator === false ? budgets.slice(1) : budgets);
  if (!verdict.ok) throw await refuse(context, verdict.name, verdict.retryAfterSeconds, credential);
}

/** A token lookup: one point from the operator's test budget (it calls the issuer like a test; no credential is its target). */
export async function limitLookups(context: RequestContext): Promise<void> {
  const verdict = await (await getRateLimiters()).takeEach([["tests_per_operator", context.operator.id]]);
  if (!verdict.ok) throw await refuse(context, verdict.name, verdict.retryAfterSeconds, null);
}

/**
 * Credentials about to be created: one point each. An import of N rows is one request for N credentials: it takes
 * N points at once or is refused whole, before any row is written, and a refused import spends nothing.
 */
export async function limitWrites(context: RequestContext, count: number): Promise<void> {
  if (count <= 0) return;
  await limitCredentialCount(context, count);
  const limiters = await getRateLimiters();
  const max = limiters.points.writes_per_operator;
  if (count > max) {
    await auditRefusal(context, "writes_per_operator", { rows: count });
    throw new ApiError("rate_limited", `This import has ${count} credentials; at most ${max} can be created a minute.`, {
      hint: `Split it into parts of at most ${max}.`,
    });
  }
  const verdict = await limiters.take("writes_per_operator", context.operator.id, count);
  if (verdict.ok) return;
  if (count > 1) await limiters.giveBack("writes_per_operator", context.operator.id, count);
  throw await refuse(context, "writes_per_operator", verdict.retryAfterSeconds, null, count > 1 ? { rows: count } : {});
}

// Every credential is a row, a secret to re-encrypt on key rotation and an item of every test-all run: one console
// holds at most MAX_CREDENTIALS. Checked before the write, so concurrent creates may pass it by a few.
async function limitCredentialCount(context: RequestContext, adding: number): Promise<void> {
  const max = getEnv().MAX_CREDENTIALS;
  const { total } = await (await getStore()).credentials.countHealth(withStaleCutoff({}), { orgLimit: 1 });
  if (total + adding <= max) return;
  await recordAuditSafely(context, "access.rate_limited", {
    outcome: "denied",
    httpStatus: 409,
    detail: { limit: "max_credentials", max, total, adding },
  });
  const room = Math.max(max - total, 0);
  throw new ApiError("conflict", `This console holds ${total} credentials; at most ${max} are allowed, so ${room} more can be added.`, {
    hint: "Delete credentials that are no longer needed, or ask whoever runs the console to raise MAX_CREDENTIALS.",
  });
}

/**
 * Runs one upstream call (or a sequence that belongs together) within the issuer's concurrency cap and the
 * instance's cap over every issuer: many issuers at their own cap each would otherwise add up without a bound.
 */
export function withIssuerSlot<T>(issuer: string, work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  return issuerSlots()(issuer, () => upstreamSlots()(UPSTREAM, work, signal), signal);
}

/** A use case's upstream part: when the issuer cap refused it, audit that and answer 429. */
export async function refuseWhenIssuerBusy<T>(context: RequestContext, credential: AuditTarget | null, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (!(error instanceof IssuerBusyError)) throw error;
    throw await refuse(context, `${error.scope}_concurrency`, ISSUER_RETRY_AFTER_SECONDS, credential);
  }
}

type LimitName = RateLimitName | "issuer_concurrency" | "upstream_concurrency";

const REFUSALS: Record<LimitName, string> = {
  tests_per_operator: "Too many token tests and org lookups from your account in the last minute.",
  tests_per_credential: "Too many token tests and org lookups for this credential in the last minute.",
  writes_per_operator: "Too many credentials created from your account in the last minute.",
  issuer_concurrency: "Too many calls to this ZITADEL instance are in progress.",
  upstream_concurrency: "Too many calls to ZITADEL are in progress on this console.",
};

async function refuse(
  context: RequestContext,
  limit: LimitName,
  retryAfterSeconds: number,
  target: AuditTarget | null,
  detail: Record<string, unknown> = {},
): Promise<ApiError> {
  await auditRefusal(context, limit, { ...detail, retryAfterSeconds }, target);
  return new ApiError("rate_limited", REFUSALS[limit], { retryAfterSeconds, hint: `Try again in ${retryAfterSeconds} s.` });
}

function auditRefusal(
  context: RequestContext,
  limit: LimitName,
  detail: Record<string, unknown>,
  target: AuditTarget | null = null,
): Promise<void> {
  return recordAuditSafely(context, "access.rate_limited", { target, outcome: "denied", httpStatus: 429, detail: { limit, ...detail } });
}

// One set of limiters per store: tests close the store and open another, and the limiters use its connection.
const opened = processSingleton("rate-limiters", () => ({ store: null as Store | null, limiters: null as Promise<RateLimiters> | null }));

async function getRateLimiters(): Promise<RateLimiters> {
  const store = await getStore();
  if (opened.store !== store || !opened.limiters) {
    const env = getEnv();
    opened.store = store;
    opened.limiters = openRateLimiters(store.connection, {
      tests_per_operator: env.RATE_LIMIT_TESTS_PER_OPERATOR_PER_MINUTE,
      tests_per_credential: env.RATE_LIMIT_TESTS_PER_CREDENTIAL_PER_MINUTE,
      writes_per_operator: env.RATE_LIMIT_WRITES_PER_OPERATOR_PER_MINUTE,
    }).catch((error: unknown) => {
      opened.limiters = null;
      throw error;
    });
  }
  return opened.limiters;
}

// A queue of four callers per slot, each waiting at most 5 s: a burst is smoothed, a hanging tenant is not queued for.
const ISSUER_QUEUE_PER_SLOT = 4;
const ISSUER_MAX_WAIT_MS = 5_000;
const ISSUER_RETRY_AFTER_SECONDS = 2;

function issuerSlots(): IssuerSlots {
  return processSingleton("issuer-slots", () => {
    const concurrency = getEnv().ISSUER_CONCURRENCY;
    return createIssuerSlots({ concurrency, maxQueue: concurrency * ISSUER_QUEUE_PER_SLOT, maxWaitMs: ISSUER_MAX_WAIT_MS });
  });
}

const UPSTREAM = "all issuers";

function upstreamSlots(): IssuerSlots {
  return processSingleton("upstream-slots", () => {
    const concurrency = getEnv().UPSTREAM_CONCURRENCY;
    return createIssuerSlots({
      concurrency,
      maxQueue: concurrency * ISSUER_QUEUE_PER_SLOT,
      maxWaitMs: ISSUER_MAX_WAIT_MS,
      scope: "upstream",
    });
  });
}
