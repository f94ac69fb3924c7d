import "server-only";
import { randomUUID } from "node:crypto";
import { ApiError } from "@/lib/api-error";
import { getEnv } from "@/lib/env";
import type { Settings, TestAlertResult } from "@/lib/schemas/settings";
import { sendTestAlert as deliverTestAlert } from "@/lib/server/alerts/test-alert";
import { recordAudit, SYSTEM_ACTOR } from "@/lib/server/audit";
import type { RequestContext } from "@/lib/server/request-context";
import { getStore } from "@/lib/server/store";

// Settings: what the environment turned on, read back for the admins who run the console, so a feature that is off
// says so instead of staying silent.

const RECENT_RUNS = 50;

export async function getSettings(): Promise<Settings> {
  const env = getEnv();
  const store = await getStore();
  const url = env.ALERT_WEBHOOK_URL;
  const everyMinutes = env.SCHEDULED_CHECKS_INTERVAL_MINUTES ?? null;
  const [pending, runs] = await Promise.all([
    url ? store.alertOutbox.countPending() : 0,
    everyMinutes ? store.checkRuns.listRuns(RECENT_RUNS) : [],
  ]);
  const lastScheduled = runs.find((run) => run.startedBy === SYSTEM_ACTOR.id);
  return {
    alerts: {
      enabled: Boolean(url),
      receiverOrigin: url ? new URL(url).origin : null,
      format: env.ALERT_WEBHOOK_FORMAT,
      signed: Boolean(env.ALERT_WEBHOOK_SECRET),
      pending,
    },
    scheduledChecks: {
      enabled: everyMinutes !== null,
      everyMinutes,
      tag: env.SCHEDULED_CHECKS_TAG ?? null,
      lastRun: lastScheduled
        ? { id: lastScheduled.id, startedAt: lastScheduled.startedAt, state: lastScheduled.state, total: lastScheduled.total }
        : null,
    },
    health: { staleAfterHours: env.HEALTH_STALE_AFTER_HOURS, expiryWarningDays: env.CREDENTIAL_EXPIRY_WARNING_DAYS },
  };
}

/** One try, answered with what the receiver said, so an admin sees at once whether alerts would arrive. Audited. */
export async function sendTestAlert(context: RequestContext): Promise<TestAlertResult> {
  const env = getEnv();
  if (!env.ALERT_WEBHOOK_URL) {
    throw new ApiError("not_found", "Alerts are off.", { hint: "Set ALERT_WEBHOOK_URL and restart the console to turn them on." });
  }
  const result = await deliverTestAlert({ sentBy: context.operator.name, id: randomUUID() });
  await recordAudit(context, "alert.test", {
    outcome: result.delivered ? "success" : "failure",
    httpStatus: result.httpStatus,
    detail: result.reason ? { reason: result.reason } : null,
  });
  return { delivered: result.delivered, httpStatus: result.httpStatus, reason: result.reason ?? null };
}
