import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setTestEnv, startTestServer, type TestServer } from "@/lib/server/http/testing";
import { closeJobQueue, setJobQueueForTests } from "@/lib/server/jobs";
import { closeStore, getStore } from "@/lib/server/store";
import { openScratchSchema } from "@/lib/server/store/testing/pg-scratch-schema";
import { openTakeoverQueue, startWorkerInstance } from "@/lib/server/testing/takeover";
import { makeDiagnosis } from "@/lib/server/zitadel";
import { notifyStatusChange, startAlertDelivery, whenAlertsSettled } from "./index";

// Two app instances on one PostgreSQL: instance A (a child process) takes a pending alert's delivery and is killed
// (SIGKILL) while the receiver holds its POST; instance B (this process) takes the delivery over once A's lease lapses.
// The alert is delivered, recorded and audited once. Runs when TEST_DATABASE_URL is set.

const url = process.env.TEST_DATABASE_URL;
const LEASE_SECONDS = 5;

let scratch: Awaited<ReturnType<typeof openScratchSchema>>;
let receiver: TestServer;
/** The receiver holds its first request (A's) unanswered; later ones get 200. */
let held = 0;

beforeAll(async () => {
  if (!url) return;
  receiver = await startTestServer((_req, res) => {
    if ((held += 1) === 1) return;
    res.writeHead(200).end();
  });
  scratch = await openScratchSchema(url, "m2m_alert_takeover");
  // The receiver is on loopback, which the webhook may reach only when allow-listed.
  setTestEnv({
    ALERT_WEBHOOK_URL: `${receiver.origin}/hooks/m2m`,
    ALERT_WEBHOOK_ALLOWED_ORIGINS: receiver.origin,
    APP_ORIGIN: "https://console.example.com",
  });
  setJobQueueForTests(openTakeoverQueue(`${scratch.schema}_boss`, LEASE_SECONDS));
});

afterAll(async () => {
  if (!url) return;
  await closeJobQueue();
  await closeStore();
  await receiver.close();
  await scratch.drop();
});

function startInstanceA() {
  return startWorkerInstance("alerts", `${scratch.schema}_boss`, LEASE_SECONDS);
}

describe.skipIf(!url)("a pending alert whose instance dies mid-delivery", () => {
  it("is delivered by another instance, recorded and audited once", async () => {
    const instanceA = await startInstanceA();
    const exited = once(instanceA, "exit");
    const credential = { id: randomUUID(), label: "Nightly export", issuer: "https://acme.zitadel.cloud", clientId: "acme-export" };
    notifyStatusChange({
      credential,
      from: "working",
      to: "token_fails",
      diagnosis: makeDiagnosis("user_inactive", { httpStatus: 400 }),
      at: new Date().toISOString(),
    });
    // A has posted the alert; the receiver holds the request, and A dies waiting for the answer.
    while (receiver.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    instanceA.kill("SIGKILL");
    await exited;

    await startAlertDelivery();
    await whenAlertsSettled();

    const store = await getStore();
    const audit = await store.audit.list({ credentialId: credential.id });
    expect(audit.items.map((row) => `${row.action}:${row.actor}`)).toEqual(["alert.sent:system"]);
    expect(receiver.requests).toHaveLength(2);
    expect(receiver.requests[1]?.body).toBe(receiver.requests[0]?.body);
  }, 60_000);
});
