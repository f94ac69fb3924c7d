import "server-only";
import { randomUUID } from "node:crypto";
import { getEnv } from "@/lib/env";
import type { CheckedStatus } from "@/lib/schemas/health";
import type { Diagnosis } from "@/lib/schemas/diagnostics";
import { recordAuditSafely, SYSTEM_ACTOR } from "@/lib/server/audit";
import { getLogger } from "@/lib/server/logger";
import { processSingleton } from "@/lib/server/process-singleton";
import { DEFAULT_DELIVERY, deliverAlert, type DeliveryOptions, type DeliveryResult } from "./deliver";
import { alertBody } from "./message";
import { isAlertWorthy } from "./rule";

// Alerts on a credential's change of status. Called once per change, by whichever instance recorded it.

export interface StatusChange {
  credential: { id: string; label: string; issuer: string; clientId: string };
  from: CheckedStatus | null; // null: the first check
  to: CheckedStatus;
  /** The diagnosis behind a failing status; absent when working. */
  diagnosis?: Diagnosis;
  at: string;
}

export { isAlertWorthy } from "./rule";
export { signBody, SIGNATURE_HEADER, TIMESTAMP_HEADER } from "./deliver";

// A fleet-wide outage changes many credentials at once: a few deliveries at a time, and a bounded backlog, so alerts
// never crowd out the work that caused them. What does not fit is audited as not delivered.
const MAX_IN_FLIGHT = 4;
const MAX_WAITING = 1_000;

const state = processSingleton("alerts", () => ({
  delivery: { ...DEFAULT_DELIVERY } as Omit<DeliveryOptions, "secret">,
  inFlight: 0,
  waiting: [] as (() => void)[],
  pending: new Set<Promise<void>>(),
}));

/** Never throws and never delays the caller: delivery happens in the background. */
export function notifyStatusChange(change: StatusChange): void {
  try {
    const { ALERT_WEBHOOK_URL: url, ALERT_WEBHOOK_FORMAT: format, ALERT_WEBHOOK_SECRET: secret, APP_ORIGIN } = getEnv();
    if (!url || !isAlertWorthy(change.from, change.to)) return;
    const body = alertBody(change, format, APP_ORIGIN);
    const job = sendAndAudit(change, () => deliverAlert(url, body, { ...state.delivery, secret }));
    state.pending.add(job);
    void job.finally(() => state.pending.delete(job));
  } catch (error) {
    getLogger().error({ err: error, credentialId: change.credential.id }, "could not queue a status alert");
  }
}

async function sendAndAudit(change: StatusChange, send: () => Promise<DeliveryResult>): Promise<void> {
  let result: DeliveryResult;
  if (state.inFlight >= MAX_IN_FLIGHT && state.waiting.length >= MAX_WAITING) {
    result = { delivered: false, attempts: 0, httpStatus: null, reason: "backlog_full" };
  } else {
    await acquire();
    try {
      result = await send();
    } catch {
      result = { delivered: false, attempts: 0, httpStatus: null, reason: "receiver_unreachable" };
    } finally {
      release();
    }
  }
  await audit(change, result);
}

async function audit(change: StatusChange, result: DeliveryResult): Promise<void> {
  const { id, issuer, clientId } = change.credential;
  const level = result.delivered ? "info" : "warn";
  getLogger()[level](
    { credentialId: id, to: change.to, attempts: result.attempts, httpStatus: result.httpStatus, reason: result.reason },
    result.delivered ? "status alert sent" : "status alert not delivered",
  );
  await recordAuditSafely({ operator: SYSTEM_ACTOR, requestId: randomUUID(), ip: null }, result.delivered ? "alert.sent" : "alert.failed", {
    target: { id, issuer, clientId },
    outcome: result.delivered ? "success" : "failure",
    httpStatus: result.httpStatus,
    detail: {
      to: change.to,
      from: change.from,
      attempts: result.attempts,
      httpStatus: result.httpStatus,
      ...(result.reason ? { reason: result.reason } : {}),
    },
  });
}

function acquire(): Promise<void> {
  if (state.inFlight < MAX_IN_FLIGHT) {
    state.inFlight += 1;
    return Promise.resolve();
  }
  return new Promise((resolve) => state.waiting.push(() => resolve()));
}

// A waiting delivery takes over the slot directly, so the count stays right.
function release(): void {
  const next = state.waiting.shift();
  if (next) next();
  else state.inFlight -= 1;
}

/** Tests: shorter waits than the 1 s, 4 s, 16 s a real receiver gets. */
export function setAlertDeliveryForTests(options: Partial<Omit<DeliveryOptions, "secret">>): void {
  state.delivery = { ...DEFAULT_DELIVERY, ...options };
}

/** Resolves once every alert queued so far has been delivered or given up, and audited (tests, shutdown). */
export async function whenAlertsSettled(): Promise<void> {
  while (state.pending.size > 0) await Promise.allSettled([...state.pending]);
}
