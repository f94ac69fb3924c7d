import "server-only";
import { getEnv } from "@/lib/env";
import { enqueue, work } from "@/lib/server/jobs";
import { processSingleton } from "@/lib/server/process-singleton";
import { getStore, type NewOutboxAlert } from "@/lib/server/store";
import { DEFAULT_DELIVERY, deliverAlert, type DeliveryOptions, type DeliveryResult } from "./deliver";

// Alert deliveries on the console's job queue. The alert (its body exactly as sent) is written to the outbox in the
// same write as its delivery job; any instance's worker makes the tries (with backoff) and records the outcome once,
// by a compare-and-set on the outbox row, so it is audited once. A job whose instance died mid-delivery is handed to
// another once its lease lapses; one that keeps dying is given up and audited as not delivered.

export const ALERT_QUEUE = "alert-deliveries";
// A few deliveries at a time per instance, so alerts never crowd out the work that caused them.
const CONCURRENCY = 4;
// Tries an instance that died cut short are made again by another, twice at most.
const RETRY = { limit: 2, delayMs: 1_000 };
const KEEP_FINISHED_MS = 30 * 24 * 60 * 60 * 1000;

export type AuditOutcome = (alert: NewOutboxAlert, result: DeliveryResult) => Promise<void>;

interface AlertJob {
  alertId: string;
}

const state = processSingleton("alert-delivery", () => ({
  delivery: { ...DEFAULT_DELIVERY } as Omit<DeliveryOptions, "secret">,
  /** Alerts being queued, and those queued here until a worker ended them: what whenAlertsSettled waits for. */
  tasks: new Set<Promise<unknown>>(),
  queued: new Map<string, () => void>(),
}));

export function track<T>(task: Promise<T>): Promise<T> {
  state.tasks.add(task);
  void task.finally(() => state.tasks.delete(task)).catch(() => undefined);
  return task;
}

/** Writes the alert and queues its delivery, in one transaction. */
export async function queueAlert(alert: NewOutboxAlert): Promise<void> {
  const ended = new Promise<void>((resolve) => state.queued.set(alert.id, resolve));
  try {
    await (
      await getStore()
    ).alertOutbox.enqueue(alert, (tx) => enqueue<AlertJob>(ALERT_QUEUE, { alertId: alert.id }, { tx, retry: RETRY }));
  } catch (error) {
    state.queued.delete(alert.id);
    throw error;
  }
  void track(ended);
}

/** Server start: this instance delivers alerts, its own and those any other instance (a dead one's too) queued. */
export async function startDelivery(audit: AuditOutcome): Promise<void> {
  await (await getStore()).alertOutbox.pruneFinished(new Date(Date.now() - KEEP_FINISHED_MS));
  await work<AlertJob>(ALERT_QUEUE, (job) => deliver(job, audit), { concurrency: CONCURRENCY, giveUp: (job) => giveUp(job, audit) });
}

async function deliver({ alertId }: AlertJob, audit: AuditOutcome): Promise<void> {
  try {
    const { ALERT_WEBHOOK_URL: url, ALERT_WEBHOOK_SECRET: secret } = getEnv();
    const outbox = (await getStore()).alertOutbox;
    const alert = await outbox.getAlert(alertId);
    if (!url || !alert || alert.state !== "pending") return;
    const result = await deliverAlert(url, alert.body, { ...state.delivery, secret });
    const recorded = { attempts: result.attempts, httpStatus: result.httpStatus, reason: result.reason ?? null };
    if (await outbox.finish(alertId, result.delivered ? "delivered" : "failed", recorded)) await audit(alert, result);
  } finally {
    settle(alertId);
  }
}

async function giveUp({ alertId }: AlertJob, audit: AuditOutcome): Promise<void> {
  const outbox = (await getStore()).alertOutbox;
  const alert = await outbox.getAlert(alertId);
  const result: DeliveryResult = { delivered: false, attempts: 0, httpStatus: null, reason: "delivery_interrupted" };
  if (alert && (await outbox.finish(alertId, "failed", { attempts: 0, httpStatus: null, reason: "delivery_interrupted" }))) {
    await audit(alert, result);
  }
  settle(alertId);
}

function settle(alertId: string): void {
  state.queued.get(alertId)?.();
  state.queued.delete(alertId);
}

/** Tests: shorter waits than the 1 s, 4 s, 16 s a real receiver gets. */
export function setAlertDeliveryForTests(options: Partial<Omit<DeliveryOptions, "secret">>): void {
  state.delivery = { ...DEFAULT_DELIVERY, ...options };
}

/** Resolves once every alert queued by this process so far has been delivered or given up, and audited (tests). */
export async function whenAlertsSettled(): Promise<void> {
  while (state.tasks.size > 0) await Promise.allSettled([...state.tasks]);
}
