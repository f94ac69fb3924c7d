import type { CheckedStatus } from "@/lib/schemas/health";
import type { IssuerStatusChange, StatusChange } from "./index";

// What an alert says, as JSON for a program or as a Slack message for people. Built only from the change's facts:
// names, ids and the diagnosis. A StatusChange carries no secret or token, so none can reach a body.

export type AlertFormat = "json" | "slack";

export interface AlertJson {
  type: "credential.status_changed";
  credential: { id: string; label: string; issuer: string; clientId: string };
  from: CheckedStatus | null;
  to: CheckedStatus;
  diagnosis: { code: string; title: string; fix: string } | null;
  at: string;
  url: string;
}

const STATUS_WORDS: Record<CheckedStatus, string> = {
  working: "working",
  token_fails: "failing (no token)",
  org_fails: "failing (organization lookup)",
  issuer_unavailable: "unknown (its issuer is unavailable)",
};

export function alertJson(change: StatusChange, appOrigin: string): AlertJson {
  const { id, label, issuer, clientId } = change.credential;
  const { diagnosis } = change;
  return {
    type: "credential.status_changed",
    credential: { id, label, issuer, clientId },
    from: change.from,
    to: change.to,
    diagnosis: diagnosis ? { code: diagnosis.code, title: diagnosis.title, fix: diagnosis.fix } : null,
    at: change.at,
    url: `${appOrigin}/credentials/${encodeURIComponent(id)}`,
  };
}

/** One sentence for the notification preview, then the facts as Slack blocks. */
export function alertSlack(change: StatusChange, appOrigin: string) {
  const alert = alertJson(change, appOrigin);
  const { label, clientId, issuer } = alert.credential;
  const headline =
    alert.to === "working"
      ? `Credential "${label}" is back to working`
      : `Credential "${label}" is ${STATUS_WORDS[alert.to]}${alert.diagnosis ? `: ${alert.diagnosis.title}` : ""}`;
  const was = alert.from ? STATUS_WORDS[alert.from] : "never checked";
  const facts = [
    `*Client ID:* ${clientId}`,
    `*Issuer:* ${issuer}`,
    `*Status:* ${STATUS_WORDS[alert.to]}; was ${was}`,
    `*Since:* ${alert.at}`,
  ];
  const blocks: object[] = [
    { type: "section", text: { type: "mrkdwn", text: `*${escapeSlack(headline)}*` } },
    { type: "section", text: { type: "mrkdwn", text: facts.map(escapeSlack).join("\n") } },
  ];
  if (alert.diagnosis) {
    blocks.push({
      type: "section",
      text: { type: "mrkdwn", text: escapeSlack(`*${alert.diagnosis.title}*\nFix: ${alert.diagnosis.fix}`) },
    });
  }
  const link = escapeSlack(alert.url);
  blocks.push({ type: "section", text: { type: "mrkdwn", text: `<${link}|Open the credential in M2M Console>` } });
  // The notification preview is mrkdwn too: unescaped, a label of "<!channel>" would page the whole channel.
  return { text: `${escapeSlack(headline)}. ${link}`, blocks };
}

export function alertBody(change: StatusChange, format: AlertFormat, appOrigin: string): string {
  return JSON.stringify(format === "slack" ? alertSlack(change, appOrigin) : alertJson(change, appOrigin));
}

/** One alert for a whole issuer: it stopped answering usefully, or answers again. */
export interface IssuerAlertJson {
  type: "issuer.status_changed";
  issuer: string;
  to: "unavailable" | "available";
  /** When the outage began. */
  since: string;
  diagnosis: { code: string; title: string; fix: string } | null;
  at: string;
  url: string;
}

export function issuerAlertJson(change: IssuerStatusChange, appOrigin: string): IssuerAlertJson {
  const { diagnosis } = change;
  const list = new URLSearchParams({ issuer: change.issuer, ...(change.to === "unavailable" ? { status: "issuer_unavailable" } : {}) });
  return {
    type: "issuer.status_changed",
    issuer: change.issuer,
    to: change.to,
    since: change.since,
    diagnosis: diagnosis ? { code: diagnosis.code, title: diagnosis.title, fix: diagnosis.fix } : null,
    at: change.at,
    url: `${appOrigin}/credentials?${list.toString()}`,
  };
}

function issuerAlertSlack(change: IssuerStatusChange, appOrigin: string) {
  const alert = issuerAlertJson(change, appOrigin);
  const headline =
    alert.to === "unavailable"
      ? `Issuer ${alert.issuer} is unavailable${alert.diagnosis ? `: ${alert.diagnosis.title}` : ""}`
      : `Issuer ${alert.issuer} answers again`;
  const facts = [`*Unavailable since:* ${alert.since}`, `*${alert.to === "unavailable" ? "Found" : "Back"}:* ${alert.at}`];
  const link = escapeSlack(alert.url);
  return {
    text: `${escapeSlack(headline)}. ${link}`,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: `*${escapeSlack(headline)}*` } },
      { type: "section", text: { type: "mrkdwn", text: facts.map(escapeSlack).join("\n") } },
      { type: "section", text: { type: "mrkdwn", text: `<${link}|Open its credentials in M2M Console>` } },
    ],
  };
}

export function issuerAlertBody(change: IssuerStatusChange, format: AlertFormat, appOrigin: string): string {
  return JSON.stringify(format === "slack" ? issuerAlertSlack(change, appOrigin) : issuerAlertJson(change, appOrigin));
}

// Slack reads <, > and & as markup (links, mentions such as "<!channel>"): every field from the change stays text.
export function escapeSlack(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
