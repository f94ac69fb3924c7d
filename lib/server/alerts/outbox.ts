import "server-only";
import { getEnv } from "@/lib/env";
import { getLogger } from "@/lib/server/logger";
import { processSingleton } from "@/lib/server/process-singleton";
import { getStore, type ClaimedAlert, type NewOutboxAlert } from "@/lib/server/store";
import { DEFAULT_DELIVERY, mayPass, postAlert, retryDelayMs, type DeliveryOptions, type DeliveryResult } from "./deliver";

// Delivers the alert outbox: each try is claimed in the database, so an alert is posted by one instance at a time,
// and a try that fails but may pass is written back with its next due time, so a restart loses no retry. Work starts
// when an alert is queued, when a retry falls due, at server start and on a slow sweep (for alerts an instance that
// died left behind while this one kept running).

// A few deliveries at a time per instance, so alerts never crowd out the work that caused them.
const MAX_IN_FLIGHT = 4;
// A claim outlives one try's deadline; after it lapses (the instance died mid-try) another instance may try.
const LEASE_MARGIN_MS = 30_000;
const SWEEP_MS = 60_000;
const KEEP_FINISHED_MS = 30 * 24 * 60 * 60 * 1000;

export type AuditOutcome = (alert: NewOutboxAlert, result: DeliveryResult) => Promise<void>;

const state = processSingleton("alert-outbox", () => ({
  delivery: { ...DEFAULT_DELIVERY } as Omit<DeliveryOptions, "secret">,
  /** Queued alerts being written and drains in progress or scheduled: what whenAlertsSettled waits for. */
  tasks: new Set<Promise<unknown>>(),
  draining: null as Promise<void> | null,
  drainAgain: false,
  retryTimer: null as { timer: NodeJS.Timeout; cancel: () => void } | null,
  sweep: null as NodeJS.Timeout | null,
}));

export function track<T>(task: Promise<T>): Promise<T> {
  state.tasks.add(task);
  void task.finally(() => state.tasks.delete(task)).catch(() => undefined);
  return task;
}

/** Starts a drain now (or right after the one running): the alert just queued, a retry due, a restart. */
export function kickDelivery(audit: AuditOutcome): Promise<void> {
  if (state.draining) {
    state.drainAgain = true;
    return state.draining;
  }
  state.draining = track(
    drain(audit)
      .catch((error: unknown) => getLogger().error({ err: error }, "the alert outbox could not be delivered"))
      .finally(() => {
        state.draining = null;
        if (state.drainAgain) {
          state.drainAgain = false;
          void kickDelivery(audit);
        } else {
          void track(scheduleNext(audit));
        }
      }),
  );
  return state.draining;
}

/** Server start: alerts a stopped or crashed instance left pending are delivered, and a sweep keeps watching. */
export async function resumeDelivery(audit: AuditOutcome): Promise<void> {
  if (!getEnv().ALERT_WEBHOOK_URL) return;
  const outbox = (await getStore()).alertOutbox;
  await outbox.pruneFinished(new Date(Date.now() - KEEP_FINISHED_MS));
  if (!state.sweep) {
    state.sweep = setInterval(() => void kickDelivery(audit), SWEEP_MS);
    state.sweep.unref();
  }
  await kickDelivery(audit);
}

async function drain(audit: AuditOutcome): Promise<void> {
  const { ALERT_WEBHOOK_URL: url, ALERT_WEBHOOK_SECRET: secret } = getEnv();
  if (!url) return;
  const outbox = (await getStore()).alertOutbox;
  for (;;) {
    const claimed = await outbox.claimDue(MAX_IN_FLIGHT, state.delivery.timeoutMs + LEASE_MARGIN_MS);
    if (claimed.length === 0) return;
    await Promise.all(claimed.map((claim) => tryOnce(claim, url, secret, audit)));
  }
}

async function tryOnce({ alert, token }: ClaimedAlert, url: string, secret: string | undefined, audit: AuditOutcome): Promise<void> {
  const outbox = (await getStore()).alertOutbox;
  const attempts = alert.attempts + 1;
  const result: DeliveryResult = { ...(await postAlert(url, alert.body, { timeoutMs: state.delivery.timeoutMs, secret })), attempts };
  const recorded = { attempts, httpStatus: result.httpStatus, reason: result.reason ?? null };
  if (!result.delivered && mayPass(result.reason) && attempts < state.delivery.attempts) {
    const due = new Date(Date.now() + retryDelayMs(attempts, state.delivery.firstDelayMs));
    await outbox.retryLater(alert.id, token, recorded, due);
    return;
  }
  // Only the holder of the claim records the outcome, so an alert is audited once even when a lease lapsed.
  if (await outbox.finish(alert.id, token, result.delivered ? "delivered" : "failed", recorded)) await audit(alert, result);
}

// One timer for the earliest retry (or the end of a claim another instance holds); unref'd, so it never keeps a
// stopping server alive: the alert stays in the outbox for the next start.
async function scheduleNext(audit: AuditOutcome): Promise<void> {
  cancelRetryTimer();
  if (!getEnv().ALERT_WEBHOOK_URL) return;
  const next = await (await getStore()).alertOutbox.nextDueAt();
  if (next === null || state.retryTimer) return;
  const fired = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(
      () => {
        state.retryTimer = null;
        resolve(true);
      },
      Math.max(0, Date.parse(next) - Date.now()),
    );
    timer.unref();
    state.retryTimer = { timer, cancel: () => resolve(false) };
  });
  if (fired) void kickDelivery(audit);
}

// A newer schedule replaces the old one; the old wait ends without a drain of its own.
function cancelRetryTimer(): void {
  const pending = state.retryTimer;
  state.retryTimer = null;
  if (!pending) return;
  clearTimeout(pending.timer);
  pending.cancel();
}

/** Tests: shorter waits than the 1 s, 4 s, 16 s a real receiver gets. */
export function setAlertDeliveryForTests(options: Partial<Omit<DeliveryOptions, "secret">>): void {
  state.delivery = { ...DEFAULT_DELIVERY, ...options };
}

/** Resolves once every alert queued so far has been delivered or given up, and audited (tests). */
export async function whenAlertsSettled(): Promise<void> {
  while (state.tasks.size > 0) await Promise.allSettled([...state.tasks]);
}
