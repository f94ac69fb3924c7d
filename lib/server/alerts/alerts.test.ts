import { randomUUID } from "node:crypto";
import dns from "node:dns";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { recordRun } from "@/lib/server/diagnostics/record";
import { closedPort, setTestEnv, startTestServer, type TestServer } from "@/lib/server/http/testing";
import { closeJobQueue } from "@/lib/server/jobs";
import { closeStore, getStore } from "@/lib/server/store";
import { newCredential } from "@/lib/server/store/testing/fixtures";
import { makeDiagnosis } from "@/lib/server/zitadel";
import { deliverAlert } from "./deliver";
import { notifyStatusChange, setAlertDeliveryForTests, signBody, startAlertDelivery, whenAlertsSettled, type StatusChange } from "./index";
import { alertBody } from "./message";
import { ALERT_QUEUE } from "./outbox";

// Alerts as a receiver sees them: a real local HTTP server gets the POSTs; the audit log says how each one went.

const WEBHOOK_SECRET = "alert-signing-secret-0123456789";
const APP_ORIGIN = "https://console.example.com";
const CLIENT_SECRET = "Sup3rSecretClientSecretValue-xyz";
const TOKEN = "opaque-access-token-abcdefghijklmnop";

let receiver: TestServer;
/** Private receivers on loopback, all in ALERT_WEBHOOK_ALLOWED_ORIGINS except `unlisted`. */
let elsewhere: TestServer;
let moved: TestServer;
let silent: TestServer;
let unlisted: TestServer;
let closedOrigin: string;
/** What the receiver answers next, one status per request; 200 when the script runs out. */
const script: number[] = [];
let dir: string;

beforeAll(async () => {
  receiver = await startTestServer((_req, res) => {
    res.writeHead(script.shift() ?? 200, { "content-type": "text/plain" }).end("receiver says hello");
  });
  elsewhere = await startTestServer((_req, res) => res.writeHead(200).end());
  moved = await startTestServer((_req, res) => res.writeHead(307, { location: `${elsewhere.origin}/stolen` }).end());
  silent = await startTestServer(() => undefined);
  unlisted = await startTestServer((_req, res) => res.writeHead(200).end());
  closedOrigin = `http://127.0.0.1:${await closedPort()}`;
  dir = mkdtempSync(join(tmpdir(), "m2m-alerts-"));
  setTestEnv({
    SQLITE_PATH: join(dir, "console.sqlite"),
    APP_ORIGIN,
    ALERT_WEBHOOK_URL: `${receiver.origin}/hooks/m2m`,
    ALERT_WEBHOOK_ALLOWED_ORIGINS: [receiver, elsewhere, moved, silent]
      .map((server) => server.origin)
      .concat(closedOrigin)
      .join(","),
    // An allowed issuer is not an allowed receiver.
    ALLOWED_ISSUERS: unlisted.origin,
    ALERT_WEBHOOK_SECRET: WEBHOOK_SECRET,
  });
  setAlertDeliveryForTests({ firstDelayMs: 5, timeoutMs: 15_000 });
  await startAlertDelivery();
});

beforeEach(() => {
  receiver.requests.length = 0;
  script.length = 0;
});

afterAll(async () => {
  await whenAlertsSettled();
  await closeJobQueue();
  await closeStore();
  await Promise.all([receiver, elsewhere, moved, silent, unlisted].map((server) => server.close()));
  rmSync(dir, { recursive: true, force: true });
});

function change(overrides: Partial<StatusChange> = {}): StatusChange {
  const id = randomUUID();
  return {
    credential: { id, label: "Nightly export", issuer: "https://acme.zitadel.cloud", clientId: "acme-export" },
    from: "working",
    to: "token_fails",
    diagnosis: makeDiagnosis("user_inactive", { httpStatus: 400 }),
    at: "2026-12-01T18:00:00.000Z",
    ...overrides,
  };
}

async function auditOf(credentialId: string) {
  const { items } = await (await getStore()).audit.list({ credentialId });
  return items.map((row) => ({ action: row.action, actor: row.actor, outcome: row.outcome, detail: row.detail }));
}

describe("which changes alert", () => {
  it("a credential that starts failing, fails differently, or works again", async () => {
    const alerting = [
      change({ from: "working", to: "token_fails" }),
      change({ from: "working", to: "org_fails" }),
      change({ from: "token_fails", to: "org_fails" }),
      change({ from: "org_fails", to: "token_fails" }),
      change({ from: "token_fails", to: "working", diagnosis: undefined }),
      change({ from: null, to: "token_fails" }),
    ];
    for (const item of alerting) notifyStatusChange(item);
    await whenAlertsSettled();
    const received = receiver.requests.map((request) => JSON.parse(request.body) as { from: string | null; to: string });
    expect(received.map(({ from, to }) => `${from}→${to}`).sort()).toEqual(
      [
        "working→token_fails",
        "working→org_fails",
        "token_fails→org_fails",
        "org_fails→token_fails",
        "token_fails→working",
        "null→token_fails",
      ].sort(),
    );
  });

  it("no alert for a first check that works or a status that did not change", async () => {
    notifyStatusChange(change({ from: null, to: "working", diagnosis: undefined }));
    notifyStatusChange(change({ from: "token_fails", to: "token_fails" }));
    await whenAlertsSettled();
    expect(receiver.requests).toHaveLength(0);
  });
});

describe("an issuer's outage", () => {
  const context = {
    operator: { id: "op-1", name: "Olga", email: null, login: null, role: "operator" as const, sessionIdHash: "h" },
    requestId: "req-outage",
    ip: null,
  };
  const unavailable = makeDiagnosis("server_error", { httpStatus: 503 });
  const proxyPage = makeDiagnosis("not_json", { httpStatus: 502 });

  async function registerFleet(issuer: string, count: number) {
    const store = await getStore();
    const rows = Array.from({ length: count }, (_, i) =>
      newCredential({ label: `Fleet ${i}`, clientId: `fleet-${i}-${randomUUID()}`, issuer }),
    );
    for (const row of rows)
      await store.credentials.create(row, { actor: "op-1", action: "credential.create", credentialId: row.id, outcome: "success" });
    return rows;
  }
  const check = (credential: Awaited<ReturnType<typeof registerFleet>>[number], diagnosis?: typeof unavailable) =>
    recordRun(context, { kind: "org", credential, diagnosis, httpStatus: diagnosis?.httpStatus ?? 200, latencyMs: 5, cached: false });

  it("pages once when it goes down and once when it is back, not once per credential", async () => {
    const issuer = `https://outage-${randomUUID().slice(0, 8)}.zitadel.example`;
    const fleet = await registerFleet(issuer, 4);
    for (const credential of fleet) await check(credential);
    await whenAlertsSettled();
    receiver.requests.length = 0;

    for (const [i, credential] of fleet.entries()) await check(credential, i % 2 ? unavailable : proxyPage);
    for (const credential of fleet) await check(credential, unavailable);
    await whenAlertsSettled();
    const down = receiver.requests.map((request) => JSON.parse(request.body) as Record<string, unknown>);
    expect(down).toEqual([
      expect.objectContaining({
        type: "issuer.status_changed",
        issuer,
        to: "unavailable",
        diagnosis: expect.objectContaining({ code: "not_json" }),
      }),
    ]);
    expect(down[0]?.url).toBe(`${APP_ORIGIN}/credentials?${new URLSearchParams({ issuer, status: "issuer_unavailable" }).toString()}`);

    receiver.requests.length = 0;
    for (const credential of fleet) await check(credential);
    await whenAlertsSettled();
    const back = receiver.requests.map((request) => JSON.parse(request.body) as Record<string, unknown>);
    expect(back).toEqual([expect.objectContaining({ type: "issuer.status_changed", issuer, to: "available", since: down[0]?.since })]);
  });

  it("still pages for a credential that comes out of the outage broken", async () => {
    const issuer = `https://outage-${randomUUID().slice(0, 8)}.zitadel.example`;
    const [credential] = await registerFleet(issuer, 1);
    await check(credential!);
    await check(credential!, unavailable);
    await whenAlertsSettled();
    receiver.requests.length = 0;
    await check(credential!, makeDiagnosis("missing_permission", { httpStatus: 403 }));
    await whenAlertsSettled();
    const bodies = receiver.requests.map((request) => JSON.parse(request.body) as { type: string; from?: string; to: string });
    expect(bodies.map((body) => `${body.type} ${body.from ?? ""}→${body.to}`).sort()).toEqual(
      ["credential.status_changed working→org_fails", "issuer.status_changed →available"].sort(),
    );
  });
});

describe("delivery", () => {
  it("happens after the caller has moved on, and is audited once as sent by the system", async () => {
    const failing = change();
    expect(notifyStatusChange(failing)).toBeUndefined();
    expect(receiver.requests).toHaveLength(0);
    await whenAlertsSettled();
    expect(receiver.requests).toHaveLength(1);
    expect(await auditOf(failing.credential.id)).toEqual([
      {
        action: "alert.sent",
        actor: "system",
        outcome: "success",
        detail: { to: "token_fails", from: "working", attempts: 1, httpStatus: 200 },
      },
    ]);
  });

  it("retries a receiver's 5xx and 429 with backoff until it accepts", async () => {
    script.push(503, 429, 500);
    const failing = change();
    notifyStatusChange(failing);
    await whenAlertsSettled();
    expect(receiver.requests).toHaveLength(4);
    expect(new Set(receiver.requests.map((request) => request.body)).size).toBe(1);
    expect(await auditOf(failing.credential.id)).toMatchObject([{ action: "alert.sent", detail: { attempts: 4, httpStatus: 200 } }]);
  });

  it("gives up after four tries and audits the failure", async () => {
    script.push(502, 502, 502, 502);
    const failing = change();
    notifyStatusChange(failing);
    await whenAlertsSettled();
    expect(receiver.requests).toHaveLength(4);
    expect(await auditOf(failing.credential.id)).toEqual([
      {
        action: "alert.failed",
        actor: "system",
        outcome: "failure",
        detail: { to: "token_fails", from: "working", attempts: 4, httpStatus: 502, reason: "receiver_error" },
      },
    ]);
  });

  it("does not retry a 400: the receiver refuses this body and would refuse it again", async () => {
    script.push(400);
    const failing = change();
    notifyStatusChange(failing);
    await whenAlertsSettled();
    expect(receiver.requests).toHaveLength(1);
    expect(await auditOf(failing.credential.id)).toMatchObject([
      { action: "alert.failed", detail: { attempts: 1, httpStatus: 400, reason: "receiver_refused" } },
    ]);
  });

  it("retries when nothing listens, then reports no status", async () => {
    const result = await deliverAlert(`${closedOrigin}/hook`, "{}", { attempts: 3, firstDelayMs: 5, timeoutMs: 2_000 });
    expect(result).toEqual({ delivered: false, attempts: 3, httpStatus: null, reason: "receiver_unreachable" });
  });

  it("does not follow a redirect, and gives up on a receiver that never answers", async () => {
    const options = { attempts: 2, firstDelayMs: 5, timeoutMs: 300 };
    expect(await deliverAlert(moved.origin, "{}", options)).toEqual({
      delivered: false,
      attempts: 1,
      httpStatus: 307,
      reason: "receiver_redirected",
    });
    expect(elsewhere.requests).toHaveLength(0);
    expect(await deliverAlert(silent.origin, "{}", options)).toEqual({
      delivered: false,
      attempts: 2,
      httpStatus: null,
      reason: "receiver_timeout",
    });
  });

  it("signs the body so the receiver can check who sent it", async () => {
    notifyStatusChange(change());
    await whenAlertsSettled();
    const [request] = receiver.requests;
    const timestamp = String(request?.headers["x-m2m-console-timestamp"]);
    expect(request?.headers["x-m2m-console-signature"]).toBe(signBody(WEBHOOK_SECRET, timestamp, request?.body ?? ""));
    expect(request?.headers["content-type"]).toBe("application/json");
  });
});

describe("where an alert may go", () => {
  const options = { attempts: 3, firstDelayMs: 5, timeoutMs: 2_000 };
  const blocked = { delivered: false, attempts: 1, httpStatus: null, reason: "receiver_blocked" };

  it.each([
    "https://169.254.169.254/latest/meta-data/",
    "http://169.254.169.254/latest/meta-data/",
    "https://[fe80::1]/hook",
    "https://127.0.0.1/hook",
    "https://localhost/hook",
    "https://0.0.0.0/hook",
    "https://10.0.0.7/hook",
    "https://[::ffff:169.254.169.254]/hook",
  ])("refuses %s without trying again", async (url) => {
    expect(await deliverAlert(url, "{}", options)).toEqual(blocked);
  });

  it("refuses a loopback receiver not in ALERT_WEBHOOK_ALLOWED_ORIGINS, even one allowed as an issuer; it sees no connection", async () => {
    expect(await deliverAlert(`${unlisted.origin}/hook`, "{}", options)).toEqual(blocked);
    expect(unlisted.connections).toBe(0);
  });

  it("refuses a name that resolves to a private address, before connecting", async () => {
    const lookup = vi.spyOn(dns, "lookup").mockImplementation(((_host: string, _options: unknown, callback: LookupCallback) => {
      callback(null, [{ address: "10.1.2.3", family: 4 }]);
    }) as unknown as typeof dns.lookup);
    try {
      expect(await deliverAlert("https://alerts.example.test/hook", "{}", options)).toEqual(blocked);
      expect(lookup).toHaveBeenCalled();
    } finally {
      lookup.mockRestore();
    }
  });
});

type LookupCallback = (error: Error | null, addresses: { address: string; family: number }[]) => void;

describe("what an alert says", () => {
  it("JSON: the credential, the change, the diagnosis and fix, and a link to the credential", async () => {
    const failing = change();
    notifyStatusChange(failing);
    await whenAlertsSettled();
    expect(JSON.parse(receiver.requests[0]?.body ?? "")).toEqual({
      type: "credential.status_changed",
      credential: { id: failing.credential.id, label: "Nightly export", issuer: "https://acme.zitadel.cloud", clientId: "acme-export" },
      from: "working",
      to: "token_fails",
      diagnosis: {
        code: "user_inactive",
        title: "Service user is deactivated or locked",
        fix: expect.stringContaining("Reactivate") as string,
      },
      at: "2026-12-01T18:00:00.000Z",
      url: `${APP_ORIGIN}/credentials/${failing.credential.id}`,
    });
  });

  it("Slack: a sentence with the label and status, the fix and the link in blocks", () => {
    const failing = change({
      credential: { id: "c-1", label: "Nightly export", issuer: "https://acme.zitadel.cloud", clientId: "acme-export" },
    });
    const slack = JSON.parse(alertBody(failing, "slack", APP_ORIGIN)) as { text: string; blocks: { text: { text: string } }[] };
    expect(slack.text).toBe(
      `Credential "Nightly export" is failing (no token): Service user is deactivated or locked. ${APP_ORIGIN}/credentials/c-1`,
    );
    const blocks = slack.blocks.map((block) => block.text.text).join("\n");
    expect(blocks).toContain("*Client ID:* acme-export");
    expect(blocks).toContain("*Status:* failing (no token); was working");
    expect(blocks).toContain("Fix: In ZITADEL open Users → Service Users");
    expect(blocks).toContain(`<${APP_ORIGIN}/credentials/c-1|Open the credential in M2M Console>`);

    const back = JSON.parse(alertBody(change({ from: "token_fails", to: "working", diagnosis: undefined }), "slack", APP_ORIGIN)) as {
      text: string;
    };
    expect(back.text).toMatch(/^Credential "Nightly export" is back to working\. https:/);
  });

  it("Slack: a label, client ID or issuer cannot mention @channel or add a link, in the notification text or the blocks", () => {
    const hostile = change({
      credential: {
        id: "c-2",
        label: "<!channel> <https://evil.example|Reset your password> & co",
        issuer: "https://acme.zitadel.cloud/<!here>",
        clientId: "<@U123>",
      },
    });
    const slack = JSON.parse(alertBody(hostile, "slack", APP_ORIGIN)) as { text: string; blocks: { text: { text: string } }[] };
    const everything = [slack.text, ...slack.blocks.map((block) => block.text.text)];
    for (const text of everything) {
      expect(text).not.toMatch(/<!channel>|<!here>|<@U123>|<https:\/\/evil/);
    }
    expect(slack.text).toContain("&lt;!channel&gt; &lt;https://evil.example|Reset your password&gt; &amp; co");
    expect(everything.join("\n")).toContain("*Client ID:* &lt;@U123&gt;");
    // The only markup left is the console's own link.
    expect(everything.join("\n").match(/<[^&]/g)).toEqual(["<h"]);
  });

  it("never carries a secret or a token, even when the caller hands over the whole credential row", async () => {
    const row = newCredential({ secretHint: "****-xyz", label: "Leaky" });
    const sealed = { ...row, clientSecret: CLIENT_SECRET, accessToken: TOKEN, secretEnvelope: `v1.${CLIENT_SECRET}` };
    const diagnosis = { ...makeDiagnosis("invalid_secret"), upstreamError: { error: "invalid_client", description: "bad secret" } };
    const leaky = change({ credential: sealed, diagnosis: { ...diagnosis, explanation: TOKEN } });
    notifyStatusChange(leaky);
    await whenAlertsSettled();
    const bodies = [receiver.requests[0]?.body ?? "", alertBody(leaky, "slack", APP_ORIGIN)];
    for (const body of bodies) {
      expect(body).toContain("Leaky");
      for (const secret of [CLIENT_SECRET, TOKEN, "****-xyz", "v1."]) expect(body).not.toContain(secret);
    }
  });
});

describe("an alert survives a restart", () => {
  it("a pending alert a crashed instance left mid-try is delivered by the next one, once, and audited once", async () => {
    const store = await getStore();
    const failing = change();
    const body = alertBody(failing, "json", APP_ORIGIN);
    const { id, issuer, clientId } = failing.credential;
    const alertId = randomUUID();
    // As a crashed instance left it: the alert and its job written, the job's try claimed (a lease of 1 ms that nobody
    // renews), then the instance died. This instance's worker takes it over.
    const job = { id: randomUUID(), queue: ALERT_QUEUE, data: { alertId }, retryLimit: 2, retryDelayMs: 1, startAfter: new Date() };
    await store.alertOutbox.enqueue({ id: alertId, credentialId: id, issuer, clientId, from: failing.from, to: failing.to, body }, (tx) =>
      store.jobs.enqueue([job], tx),
    );
    expect(await store.jobs.claimDue(ALERT_QUEUE, 10, 1)).toHaveLength(1);

    while ((await store.alertOutbox.getAlert(alertId))?.state === "pending") await new Promise((resolve) => setTimeout(resolve, 20));

    expect(receiver.requests.map((request) => request.body)).toEqual([body]);
    expect(await store.alertOutbox.getAlert(alertId)).toMatchObject({ state: "delivered", attempts: 1, httpStatus: 200 });
    expect(await auditOf(id)).toMatchObject([{ action: "alert.sent", actor: "system", detail: { from: "working", to: "token_fails" } }]);
  });

  it("the stored alerts hold no secret or token, whatever the caller handed over", async () => {
    script.push(503);
    const row = newCredential({ secretHint: "****-xyz", label: "Leaky" });
    const sealed = { ...row, clientSecret: CLIENT_SECRET, accessToken: TOKEN, secretEnvelope: `v1.${CLIENT_SECRET}` };
    notifyStatusChange(change({ credential: sealed, diagnosis: { ...makeDiagnosis("invalid_secret"), explanation: TOKEN } }));
    await whenAlertsSettled();
    expect(receiver.requests).toHaveLength(2);
    const store = await getStore();
    if (store.connection.driver !== "sqlite") throw new Error("this test reads the SQLite file");
    const stored = JSON.stringify(store.connection.database.prepare("select * from alert_outbox").all());
    expect(stored).toContain("Leaky");
    for (const secret of [CLIENT_SECRET, TOKEN, WEBHOOK_SECRET, "****-xyz", "v1."]) expect(stored).not.toContain(secret);
  });
});
