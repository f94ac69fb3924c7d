import { createHmac } from "node:crypto";
import http from "node:http";
import { ACME_ORG, registerCredential } from "../diagnostics/demo-credentials";
import { expect, test } from "../fixtures";

// Status alerts as the team on call receives them: a receiver on the port the e2e app's ALERT_WEBHOOK_URL names
// (playwright.config.ts) gets one alert when a working credential's service user is deactivated in ZITADEL, and one
// when it works again. acme-pager is the demo user no other spec uses, so deactivating it disturbs nobody.

const PAGER = { clientId: "acme-pager", secret: "PagerDemoSecretAcme2026xxxxxxx14" };

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

interface Alert {
  type: string;
  credential: { id: string; label: string; issuer: string; clientId: string };
  from: string | null;
  to: string;
  diagnosis: { code: string; title: string; fix: string } | null;
  at: string;
  url: string;
}

const received: Received[] = [];
let receiver: http.Server;

test.beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(Number(process.env.E2E_ALERT_RECEIVER_PORT), "127.0.0.1", resolve));
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

/** The alerts that name this credential, in the order they arrived (other specs' credentials and issuers alert too). */
function alertsFor(id: string): Alert[] {
  return statusAlerts().filter((alert) => alert.credential.id === id);
}

/** Credential alerts only: an issuer alert and a test alert from Settings name no credential. */
function statusAlerts(): Alert[] {
  return received.map((request) => JSON.parse(request.body) as Alert).filter((alert) => alert.type === "credential.status_changed");
}

function expectSigned(item: Received) {
  const timestamp = String(item.headers["x-m2m-console-timestamp"]);
  const mac = createHmac("sha256", process.env.E2E_ALERT_WEBHOOK_SECRET ?? "")
    .update(`${timestamp}.${item.body}`)
    .digest("hex");
  expect(item.headers["x-m2m-console-signature"]).toBe(`sha256=${mac}`);
}

test("a working credential whose user is deactivated alerts with the diagnosis and fix, and alerts again once it works", async ({
  request,
  api,
  appOrigin,
  detailPage,
  emulatorIssuer,
}) => {
  const setActive = async (active: boolean) => {
    const answer = await request.post(`${emulatorIssuer}/__emulator/users/${PAGER.clientId}/state`, { data: { active } });
    expect(answer.ok(), await answer.text()).toBe(true);
  };
  const label = "Nightly pager";
  const id = await registerCredential(api, { label, issuer: emulatorIssuer, clientId: PAGER.clientId, clientSecret: PAGER.secret });
  try {
    await detailPage.goto(id);
    await expect(detailPage.orgName()).toHaveText(ACME_ORG.name);
    await detailPage.testToken();
    await expect(detailPage.tokenPanel).toContainText("Token issued");

    // An admin deactivates the service user in ZITADEL; the next test in the console fails.
    await setActive(false);
    await detailPage.testToken();
    await expect(detailPage.tokenDiagnosis()).toContainText("Service user is deactivated or locked");

    await expect.poll(() => alertsFor(id).length, { timeout: 15_000 }).toBeGreaterThan(0);
    // The first check worked, which is no news: the first alert is the failure.
    const [failing] = alertsFor(id);
    expect(failing).toEqual({
      type: "credential.status_changed",
      credential: { id, label, issuer: emulatorIssuer, clientId: PAGER.clientId },
      from: "working",
      to: "token_fails",
      diagnosis: {
        code: "user_inactive",
        title: "Service user is deactivated or locked",
        fix: expect.stringContaining("Reactivate"),
      },
      at: expect.any(String),
      url: `${appOrigin}/credentials/${id}`,
    });

    // Reactivated: the token works again, and so does the organization lookup.
    await setActive(true);
    await detailPage.testToken();
    await expect(detailPage.tokenPanel).toContainText("Token issued");
    await detailPage.refreshOrg();
    await expect(detailPage.orgName()).toHaveText(ACME_ORG.name);

    await expect.poll(() => alertsFor(id).some((alert) => alert.to === "working"), { timeout: 15_000 }).toBe(true);
    const alerts = alertsFor(id);
    expect(alerts.filter((alert) => alert.from === "working" && alert.to === "token_fails")).toHaveLength(1);
    const recovered = alerts.find((alert) => alert.to === "working");
    expect(recovered).toMatchObject({ from: expect.stringMatching(/^(token|org)_fails$/), diagnosis: null });
    expect(recovered?.url).toBe(`${appOrigin}/credentials/${id}`);
  } finally {
    await setActive(true);
  }

  // Every alert about it is signed with the configured secret, and none carries the client secret or a token.
  const ours = received.filter((item) => (JSON.parse(item.body) as Partial<Alert>).credential?.id === id);
  for (const item of ours) {
    expectSigned(item);
    expect(item.body).not.toContain(PAGER.secret);
    expect(item.body).not.toMatch(/access_token|Bearer /i);
  }
});

test("Settings says alerts are on and scheduled checks off, and a test alert reaches the receiver signed", async ({ page, appOrigin }) => {
  await page.goto("/credentials");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { name: "Alerts and scheduled checks", level: 1 })).toBeVisible();
  const alerts = page.getByRole("region", { name: "Status alerts" });
  await expect(alerts.getByText("On", { exact: true })).toBeVisible();
  // The receiver's origin only: a webhook URL's path may carry a token.
  await expect(alerts).toContainText(`http://127.0.0.1:${process.env.E2E_ALERT_RECEIVER_PORT}`);
  await expect(alerts).not.toContainText("/alerts");
  await expect(alerts).toContainText("Yes (HMAC-SHA256");
  const checks = page.getByRole("region", { name: "Scheduled checks" });
  await expect(checks.getByText("Off", { exact: true })).toBeVisible();
  await expect(checks).toContainText("SCHEDULED_CHECKS_INTERVAL_MINUTES");

  const before = received.length;
  await alerts.getByRole("button", { name: "Send a test alert" }).click();
  await expect(alerts.getByRole("status")).toHaveText("Test alert delivered: the receiver answered 204.");
  const tests = received.slice(before).filter((item) => (JSON.parse(item.body) as { type: string }).type === "alert.test");
  expect(tests).toHaveLength(1);
  const [sent] = tests;
  if (!sent) throw new Error("no test alert received");
  expectSigned(sent);
  expect(JSON.parse(sent.body)).toMatchObject({ type: "alert.test", sentBy: "Ada Admin", url: `${appOrigin}/settings` });

  // At phone width the Settings tabs stay on one row that scrolls, and the panels fit the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  const tabs = page.getByRole("navigation", { name: "Settings" }).getByRole("link");
  await expect(tabs).toHaveCount(3);
  const boxes = await Promise.all((await tabs.all()).map((tab) => tab.boundingBox()));
  expect(new Set(boxes.map((box) => Math.round(box?.y ?? -1))).size).toBe(1);
  const panel = await alerts.boundingBox();
  expect(panel && panel.x >= 0 && panel.x + panel.width <= 390).toBe(true);
});
