import "server-only";
import { getEnv } from "@/lib/env";
import { deliverAlert, type DeliveryResult } from "./deliver";
import { escapeSlack } from "./message";

// "Send a test alert": the configured receiver gets a message it can tell from a real alert (its own type), signed and
// sent through the guarded client like every alert, tried once so the admin waits seconds, not minutes.

const TIMEOUT_MS = 10_000;

export async function sendTestAlert(facts: { sentBy: string; id: string }): Promise<DeliveryResult> {
  const { ALERT_WEBHOOK_URL: url, ALERT_WEBHOOK_FORMAT: format, ALERT_WEBHOOK_SECRET: secret, APP_ORIGIN } = getEnv();
  if (!url) throw new Error("alerts are off");
  const at = new Date().toISOString();
  const settings = `${APP_ORIGIN}/settings`;
  // The operator's display name comes from ZITADEL: in Slack's markup it stays text (escapeSlack).
  const sentence = `Test alert from M2M Console, sent by ${facts.sentBy}: status alerts reach this receiver.`;
  const body =
    format === "slack"
      ? {
          text: `${escapeSlack(sentence)} ${settings}`,
          blocks: [{ type: "section", text: { type: "mrkdwn", text: escapeSlack(sentence) } }],
        }
      : { type: "alert.test", id: facts.id, message: sentence, sentBy: facts.sentBy, at, url: settings };
  return deliverAlert(url, JSON.stringify(body), { attempts: 1, firstDelayMs: 0, timeoutMs: TIMEOUT_MS, secret });
}
