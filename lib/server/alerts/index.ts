import "server-only";
import { randomUUID } from "node:crypto";
import { getEnv } from "@/lib/env";
import type { Diagnosis } from "@/lib/schemas/diagnostics";
import type { CheckedStatus } from "@/lib/schemas/health";
import { recordAuditSafely, SYSTEM_ACTOR } from "@/lib/server/audit";
import { getLogger } from "@/lib/server/logger";
import { getStore, type NewOutboxAlert } from "@/lib/server/store";
import type { DeliveryResult } from "./deliver";
import type { HeldChanges } from "./held-changes";
import { alertBody, issuerAlertBody } from "./message";
import { queueAlert, startDelivery, track } from "./outbox";
import { isAlertWorthy } from "./rule";

// Alerts on a credential's change of status. Called once per change, by whichever instance recorded it; the alert
// waits in the outbox with its delivery job (the database) until its webhook took it or it was given up, so a restart
// loses none.

export interface StatusChange {
  credential: { id: string; label: string; issuer: string; clientId: string };
  from: CheckedStatus | null; // null: the first check
  to: CheckedStatus;
  /** The diagnosis behind a failing status; absent when working. */
  diagnosis?: Diagnosis;
  at: string;
}

/** An issuer that stopped answering usefully, or answers again: one alert for all its credentials. */
export interface IssuerStatusChange {
  issuer: string;
  to: "unavailable" | "available";
  /** When the outage began. */
  since: string;
  at: string;
  /** What the check that found the outage got; absent when the issuer is back. */
  diagnosis?: Diagnosis;
  /** The credential whose check found the change (the outbox and the audit name it). */
  foundBy: { id: string; clientId: string };
}

export { holdChanges } from "./held-changes";
export { signBody } from "./deliver";
export { setAlertDeliveryForTests, whenAlertsSettled } from "./outbox";

// A fleet-wide outage changes many credentials at once: the outbox is bounded, so an outage cannot grow an endless
// backlog. What does not fit is audited as not delivered.
const MAX_PENDING = 1_000;

/** Publishes the net change of a held series once (see holdChanges); nothing when it ended where it began. */
export function notifyHeldChanges(held: HeldChanges): void {
  const change = held.net();
  if (change) notifyStatusChange(change);
}

/**
 * Never throws and never delays the caller: the alert is written to the outbox and delivered in the background.
 * It is written right after the change's own transaction (a caller may hold changes and alert once for a series).
 */
export function notifyStatusChange(change: StatusChange): void {
  try {
    const { ALERT_WEBHOOK_URL: url, ALERT_WEBHOOK_FORMAT: format, APP_ORIGIN } = getEnv();
    if (!url || !isAlertWorthy(change.from, change.to)) return;
    const body = alertBody(change, format, APP_ORIGIN);
    void track(queueChange(change, body));
  } catch (error) {
    getLogger().error({ err: error, credentialId: change.credential.id }, "could not queue a status alert");
  }
}

/** Like notifyStatusChange, for an issuer's outage: the store opens and closes each outage once, so this is once. */
export function notifyIssuerChange(change: IssuerStatusChange): void {
  try {
    const { ALERT_WEBHOOK_URL: url, ALERT_WEBHOOK_FORMAT: format, APP_ORIGIN } = getEnv();
    if (!url) return;
    const isDown = change.to === "unavailable";
    const alert = {
      id: randomUUID(),
      credentialId: change.foundBy.id,
      issuer: change.issuer,
      clientId: change.foundBy.clientId,
      from: isDown ? null : ("issuer_unavailable" as const),
      to: isDown ? ("issuer_unavailable" as const) : ("working" as const),
      body: issuerAlertBody(change, format, APP_ORIGIN),
    };
    void track(queue(alert));
  } catch (error) {
    getLogger().error({ err: error, issuer: change.issuer }, "could not queue an issuer alert");
  }
}

function queueChange(change: StatusChange, body: string): Promise<void> {
  const { id, issuer, clientId } = change.credential;
  return queue({ id: randomUUID(), credentialId: id, issuer, clientId, from: change.from, to: change.to, body });
}

async function queue(alert: NewOutboxAlert): Promise<void> {
  const id = alert.credentialId;
  try {
    const outbox = (await getStore()).alertOutbox;
    if ((await outbox.countPending()) >= MAX_PENDING) {
      await audit(alert, { delivered: false, attempts: 0, httpStatus: null, reason: "backlog_full" });
      return;
    }
    await queueAlert(alert);
  } catch (error) {
    getLogger().error({ err: error, credentialId: id }, "could not queue a status alert");
  }
}

/** Server start: this instance's alert worker, which also delivers what a stopped or crashed instance left queued. */
export async function startAlertDelivery(): Promise<void> {
  if (getEnv().ALERT_WEBHOOK_URL) await startDelivery(audit);
}

async function audit(alert: NewOutboxAlert, result: DeliveryResult): Promise<void> {
  const { credentialId: id, issuer, clientId } = alert;
  const level = result.delivered ? "info" : "warn";
  getLogger()[level](
    { credentialId: id, to: alert.to, attempts: result.attempts, httpStatus: result.httpStatus, reason: result.reason },
    result.delivered ? "status alert sent" : "status alert not delivered",
  );
  await recordAuditSafely({ operator: SYSTEM_ACTOR, requestId: randomUUID(), ip: null }, result.delivered ? "alert.sent" : "alert.failed", {
    target: { id, issuer, clientId },
    outcome: result.delivered ? "success" : "failure",
    httpStatus: result.httpStatus,
    detail: {
      to: alert.to,
      from: alert.from,
      attempts: result.attempts,
      httpStatus: result.httpStatus,
      ...(result.reason ? { reason: result.reason } : {}),
    },
  });
}
