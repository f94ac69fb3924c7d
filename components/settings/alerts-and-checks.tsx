"use client";

import Link from "next/link";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { Fact, FactList } from "@/components/ui/fact-list";
import { RelativeTime } from "@/components/ui/relative-time";
import { Skeleton } from "@/components/ui/skeleton";
import { ApiError } from "@/lib/api-error";
import { useSettings } from "@/lib/client/use-settings";
import { formatDuration } from "@/lib/duration";
import type { Settings, TestAlertResult } from "@/lib/schemas/settings";

// Alerts and scheduled checks as the environment set them: on or off, what they do, and for alerts a test message, so
// an admin learns here, not from a missed page, that nothing would arrive.

const REASON_WORDS: Record<string, string> = {
  receiver_unreachable: "the receiver could not be reached",
  receiver_timeout: "the receiver did not answer in time",
  receiver_redirected: "the receiver answered with a redirect, which alerts never follow",
  receiver_refused: "the receiver refused it",
  receiver_error: "the receiver failed",
  receiver_rate_limited: "the receiver asked to slow down",
  receiver_blocked: "its address is not allowed (private or local: add its origin to ALERT_WEBHOOK_ALLOWED_ORIGINS)",
};

export function AlertsAndChecks() {
  const { settings, error, isLoading, retry, sendTestAlert } = useSettings();
  return (
    <div className="space-y-8">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">Alerts and scheduled checks</h1>
        <p className="mt-1 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
          Set in the console&apos;s environment when it starts (see the configuration docs); shown here so you can tell what is on.
        </p>
      </header>
      {error && !settings ? (
        <ErrorState error={error} onRetry={() => void retry()} title="The settings could not be loaded" />
      ) : isLoading || !settings ? (
        <div aria-busy="true" className="space-y-3">
          <span className="sr-only">Loading the settings…</span>
          <Skeleton className="h-32 w-full" />
          <Skeleton className="h-32 w-full" />
        </div>
      ) : (
        <>
          <AlertSettings alerts={settings.alerts} onTest={sendTestAlert} />
          <ScheduledChecks checks={settings.scheduledChecks} health={settings.health} />
        </>
      )}
    </div>
  );
}

function OnOff({ on }: { on: boolean }) {
  return <Badge tone={on ? "success" : "neutral"}>{on ? "On" : "Off"}</Badge>;
}

function Panel({ id, title, on, children }: { id: string; title: string; on: boolean; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-lg border border-zinc-200 dark:border-zinc-800">
      <div className="flex items-center gap-3 border-b border-zinc-200 px-5 py-3 dark:border-zinc-800">
        <h2 id={id} className="text-lg font-semibold tracking-tight">
          {title}
        </h2>
        <OnOff on={on} />
      </div>
      <div className="space-y-4 p-5">{children}</div>
    </section>
  );
}

function AlertSettings({ alerts, onTest }: { alerts: Settings["alerts"]; onTest: () => Promise<TestAlertResult> }) {
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<{ tone: "success" | "danger"; title: string } | null>(null);

  async function test() {
    setSending(true);
    setOutcome(null);
    try {
      const result = await onTest();
      setOutcome(
        result.delivered
          ? { tone: "success", title: `Test alert delivered: the receiver answered ${result.httpStatus}.` }
          : {
              tone: "danger",
              title: `Test alert not delivered: ${REASON_WORDS[result.reason ?? ""] ?? "it failed"}${result.httpStatus ? ` (HTTP ${result.httpStatus})` : ""}.`,
            },
      );
    } catch (caught) {
      setOutcome({ tone: "danger", title: caught instanceof ApiError ? caught.message : "The test alert could not be sent. Try again." });
    } finally {
      setSending(false);
    }
  }

  if (!alerts.enabled) {
    return (
      <Panel id="alerts-heading" title="Status alerts" on={false}>
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          No alerts are sent when a credential starts failing or works again. To turn them on, set <code>ALERT_WEBHOOK_URL</code> (and, for
          Slack, <code>ALERT_WEBHOOK_FORMAT=slack</code>) and restart the console.
        </p>
      </Panel>
    );
  }
  return (
    <Panel id="alerts-heading" title="Status alerts" on>
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        A message goes to the receiver when a credential starts failing or works again, and when an issuer stops answering or answers again.
      </p>
      <FactList>
        <Fact term="Receiver">
          <span className="font-mono break-all">{alerts.receiverOrigin}</span>
        </Fact>
        <Fact term="Format">{alerts.format === "slack" ? "Slack message" : "JSON"}</Fact>
        <Fact term="Signed">{alerts.signed ? "Yes (HMAC-SHA256 in x-m2m-console-signature)" : "No: set ALERT_WEBHOOK_SECRET"}</Fact>
        <Fact term="Waiting to be delivered">{alerts.pending}</Fact>
      </FactList>
      <div className="flex flex-wrap items-center gap-3">
        <Button variant="primary" isLoading={sending} onClick={() => void test()}>
          Send a test alert
        </Button>
        <span className="text-sm text-zinc-600 dark:text-zinc-400">
          One message of its own kind, tried once; recorded in the audit log.
        </span>
      </div>
      {outcome ? <Alert tone={outcome.tone} title={outcome.title} /> : null}
    </Panel>
  );
}

function ScheduledChecks({ checks, health }: { checks: Settings["scheduledChecks"]; health: Settings["health"] }) {
  return (
    <Panel id="scheduled-checks-heading" title="Scheduled checks" on={checks.enabled}>
      {checks.enabled && checks.everyMinutes ? (
        <FactList>
          <Fact term="Every">{formatDuration(checks.everyMinutes * 60_000)}</Fact>
          <Fact term="Which credentials">{checks.tag ? `Tagged “${checks.tag}”` : "All"}</Fact>
          <Fact term="Last scheduled run" isWide>
            {checks.lastRun ? (
              <Link href={`/runs/${checks.lastRun.id}`} className="text-indigo-700 underline underline-offset-2 dark:text-indigo-300">
                <RelativeTime value={checks.lastRun.startedAt} /> · {checks.lastRun.total} credentials · {checks.lastRun.state}
              </Link>
            ) : (
              "None yet"
            )}
          </Fact>
        </FactList>
      ) : (
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          Credentials are checked only when someone tests them. To check them on a schedule, set{" "}
          <code>SCHEDULED_CHECKS_INTERVAL_MINUTES</code> (and <code>SCHEDULED_CHECKS_TAG</code> to check only some) and restart the console.
        </p>
      )}
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        A credential not checked for {health.staleAfterHours} h shows as stale; a key or token expiring within {health.expiryWarningDays}{" "}
        days shows as expiring soon.
      </p>
    </Panel>
  );
}
