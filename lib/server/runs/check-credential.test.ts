import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setAlertDeliveryForTests, startAlertDelivery, whenAlertsSettled } from "@/lib/server/alerts";
import { seal, secretContext } from "@/lib/server/crypto";
import { closeAgents } from "@/lib/server/http";
import { setTestEnv, startTestServer, type TestServer } from "@/lib/server/http/testing";
import { getJobQueue } from "@/lib/server/jobs";
import type { RequestContext } from "@/lib/server/request-context";
import { closeStore, getStore } from "@/lib/server/store";
import { newCredential } from "@/lib/server/store/testing/fixtures";
import { startEmulatorProcess, type EmulatorProcess } from "@/lib/server/testing/emulator-process";
import { createItemHandler, RUN_ITEMS_QUEUE, type RunItemJob } from "./execute-items";
import { getRunDetail, startRun } from "./index";

// A test-all run's real check against the ZITADEL emulator, with a real webhook receiver: what the on-call hears.

const AUD = "urn:zitadel:iam:org:project:id:zitadel:aud";
const REPORTER = { clientId: "acme-reporter", secret: "Rep0rterDemoSecretAcme2026xxxxx1" };
const context: RequestContext = {
  operator: { id: "ada", name: "Ada", email: null, login: null, role: "operator", sessionIdHash: "" },
  requestId: randomUUID(),
  ip: null,
};

let emulator: EmulatorProcess;
let receiver: TestServer;
let dir: string;

beforeAll(async () => {
  emulator = await startEmulatorProcess();
  receiver = await startTestServer((_req, res) => res.writeHead(200).end());
  dir = mkdtempSync(join(tmpdir(), "m2m-check-"));
  setTestEnv({
    ALLOWED_ISSUERS: emulator.issuer,
    SQLITE_PATH: join(dir, "console.sqlite"),
    ALERT_WEBHOOK_URL: `${receiver.origin}/hooks/m2m`,
    // The receiver is on loopback, which the webhook may reach only when allow-listed.
    ALERT_WEBHOOK_ALLOWED_ORIGINS: receiver.origin,
  });
  setAlertDeliveryForTests({ firstDelayMs: 5, timeoutMs: 15_000 });
  await startAlertDelivery();
  await getJobQueue().work<RunItemJob>(RUN_ITEMS_QUEUE, { batchSize: 4 }, createItemHandler(undefined, 2));
});

afterAll(async () => {
  await whenAlertsSettled();
  await getJobQueue().stop();
  await closeStore();
  await closeAgents();
  await emulator.close();
  await receiver.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("a test-all run's check", () => {
  it("pages once for a never-tested credential whose token works but whose org lookup fails", async () => {
    const store = await getStore();
    const id = randomUUID();
    const { issuer } = emulator;
    const row = newCredential({
      id,
      issuer,
      clientId: REPORTER.clientId,
      secretEnvelope: seal(REPORTER.secret, secretContext(id, issuer, REPORTER.clientId)),
      scopes: `openid ${AUD}`,
      orgId: "999999999999999999",
      tags: ["first-check"],
    });
    await store.credentials.create(row, { actor: "ada", action: "credential.create", credentialId: id, outcome: "success" });

    const run = await startRun(context, { kind: "filter", filter: { tag: "first-check" } });
    while ((await getRunDetail(run.id)).run.state === "running") await new Promise((resolve) => setTimeout(resolve, 20));
    await whenAlertsSettled();

    expect((await getRunDetail(run.id)).items).toMatchObject([{ status: "org_fails" }]);
    const alerts = receiver.requests.map((request) => JSON.parse(request.body) as { from: string | null; to: string });
    expect(alerts.map(({ from, to }) => `${from}→${to}`)).toEqual(["null→org_fails"]);
  });
});
