import { randomBytes } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import { ACME_ORG, DEMO_USERS, registerCredential } from "../diagnostics/demo-credentials";
import { expect, test } from "../fixtures";
import { expectHeadersOverColumns } from "../table-layout";

// Test-all runs in the browser: the demo service users each end in the status their ZITADEL setup gives, and a run
// goes on while the page is away, can be found again and cancelled.

test.describe.configure({ mode: "serial" });

const EXPECTED = {
  reporter: { result: "Working", org: ACME_ORG.name },
  jwtBot: { result: "Working", org: ACME_ORG.name },
  globex: { result: "Working", org: "Globex Industries" },
  noRole: { result: "Org fails", org: null },
  flaky: { result: "Org fails", org: null },
  html: { result: "Org fails", org: null },
  retired: { result: "Token fails", org: null },
  slow: { result: "Token fails", org: null },
} as const;

test("Test all: progress, then each demo service user in its expected status", async ({ page, api, apiReference, emulatorIssuer }) => {
  test.setTimeout(120_000);
  const ids: Record<string, string> = {};
  for (const [name, user] of Object.entries(DEMO_USERS)) {
    ids[name] = await registerCredential(api, {
      label: `Run ${name}`,
      issuer: emulatorIssuer,
      clientId: user.clientId,
      clientSecret: user.secret,
    });
  }

  // A credential nobody has tested, shown alone in the list while the run goes.
  const unknownClient = `run-unknown-${randomBytes(3).toString("hex")}`;
  const unknownId = await registerCredential(api, {
    label: `Run ${unknownClient}`,
    issuer: emulatorIssuer,
    clientId: unknownClient,
    clientSecret: "NotARealSecretForThisRun00000000",
  });
  await page.goto(`/credentials?search=${unknownClient}`);
  const unknownRow = page.getByTestId("credential-row").filter({ has: page.locator(`a[href="/credentials/${unknownId}"]`) });
  await expect(unknownRow.getByTestId("credential-health")).toHaveText("Never tested");
  await page.getByRole("button", { name: "Test all" }).click();
  const panel = page.getByTestId("run-panel");
  await expect(panel).toBeVisible();
  await expect(panel.getByRole("progressbar", { name: "Run progress" })).toBeVisible();
  await expect(panel).toHaveAttribute("data-state", "done", { timeout: 90_000 });
  const total = Number(await panel.getByRole("progressbar").getAttribute("aria-valuemax"));
  await expect(panel.getByTestId("run-done")).toHaveText(`${total} of ${total}`);
  // The list under the panel caught up without a reload: the never-tested credential it shows now fails its token.
  await expect(unknownRow.getByTestId("credential-health")).toHaveText("Token fails");

  await panel.getByRole("link", { name: "Details" }).click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  // The run's answers, with every kind of outcome in them, are as the API reference declares.
  await apiReference.expectAnswer("GET", await api.get(`/api/runs/${new URL(page.url()).pathname.split("/").at(-1)}`));
  await apiReference.expectAnswer("GET", await api.get("/api/runs"));
  for (const [name, expected] of Object.entries(EXPECTED)) {
    const row = page.getByTestId("run-item").filter({ has: page.locator(`a[href="/credentials/${ids[name]}"]`) });
    await expect(row.getByTestId("run-item-result"), name).toHaveText(expected.result);
    if (expected.org) await expect(row, name).toContainText(expected.org);
  }

  await expectHeadersOverColumns(page.getByRole("table", { name: "Credentials in this run" }));

  await page.getByRole("link", { name: "Runs", exact: true }).click();
  await expect(page.getByTestId("run-row").first()).toContainText("All credentials");
  await expect(page.getByTestId("run-row").first()).toContainText("Done");
  await expectHeadersOverColumns(page.getByRole("table", { name: "Test-all runs" }));
  await page.setViewportSize({ width: 390, height: 844 });
  await expectHeadersOverColumns(page.getByRole("table", { name: "Test-all runs" }));
  await page.goBack();
  await expectHeadersOverColumns(page.getByRole("table", { name: "Credentials in this run" }));
});

test("a run goes on while the page is away: reopened, it is shown, and Cancel stops it", async ({ page, api, emulatorIssuer }) => {
  test.setTimeout(120_000);
  // The emulator holds these clients' token requests until the test lets them go, so each item waits out the
  // console's upstream deadline (3 s): 400 items two at a time outlast this test however fast the machine is.
  const tag = `run${randomBytes(3).toString("hex")}`;
  const gate = `${emulatorIssuer}/__emulator/gates/${encodeURIComponent(`${tag}-`)}`;
  expect((await fetch(gate, { method: "POST" })).ok).toBe(true);
  try {
    await cancelAHeldRun(page, api, emulatorIssuer, tag);
  } finally {
    await fetch(gate, { method: "DELETE" });
  }
});

async function cancelAHeldRun(page: Page, api: APIRequestContext, emulatorIssuer: string, tag: string): Promise<void> {
  const rows = Array.from(
    { length: 400 },
    (_, i) => `Run ${tag} ${i},${emulatorIssuer},${tag}-${i},wrong-secret-${tag}-${i},,,post,${tag}`,
  );
  const imported = await api.post("/api/credentials/import", {
    data: { format: "csv", text: ["label,issuer,clientId,clientSecret,scopes,orgId,authMethod,tags", ...rows].join("\n") },
  });
  expect(imported.ok(), await imported.text()).toBe(true);

  await page.goto(`/credentials?tag=${tag}`);
  const stream = page.waitForResponse((response) => /^\/api\/runs\/[^/]+\/events$/.test(new URL(response.url()).pathname));
  await page.getByRole("button", { name: "Test what the filter shows" }).click();
  const panel = page.getByTestId("run-panel");
  await expect(panel).toHaveAttribute("data-state", "running");
  await expect(panel).toContainText(`tag: ${tag}`);
  // The progress stream arrives as it is written: not gzipped, which would hold events in the compressor's buffer.
  const headers = (await stream).headers();
  expect(headers["content-type"]).toContain("text/event-stream");
  expect(headers["content-encoding"]).toBeUndefined();
  expect(headers["cache-control"]).toBe("no-store, no-transform");

  await page.goto("/credentials");
  await expect(panel).toHaveAttribute("data-state", "running");
  await expect(panel).toContainText(`tag: ${tag}`);
  await expect(page.getByRole("button", { name: "Test all" })).toHaveAccessibleDescription("A run is in progress.");

  await panel.getByRole("button", { name: "Cancel run" }).click();
  await expect(panel).toHaveAttribute("data-state", "cancelled");
  await expect(panel.getByTestId("run-count-cancelled")).toBeVisible();
  const runs = await (await api.get("/api/runs")).json();
  const [latest] = runs.items as {
    state: string;
    total: number;
    done: number;
    counts: Record<"token_fails" | "cancelled" | "running" | "skipped", number>;
  }[];
  expect(latest).toMatchObject({ state: "cancelled", total: 400 });
  expect(latest!.counts.cancelled).toBeGreaterThan(0);
  expect(latest!.counts.token_fails + latest!.counts.cancelled + latest!.counts.running + latest!.counts.skipped).toBe(400);
}

test("Test selected runs the ticked credentials and no others", async ({ page, api, apiReference, emulatorIssuer }) => {
  const tag = `sel${randomBytes(3).toString("hex")}`;
  const [picked, left] = await Promise.all(
    ["picked", "left"].map((name) =>
      registerCredential(api, {
        label: `Run ${tag} ${name}`,
        issuer: emulatorIssuer,
        clientId: `${tag}-${name}`,
        clientSecret: "NotARealSecretForThisRun00000000",
      }),
    ),
  );
  const rowOf = (id: string | undefined) =>
    page.getByTestId("credential-row").filter({ has: page.locator(`a[href="/credentials/${id}"]`) });

  await page.goto(`/credentials?search=${tag}`);
  await expect(rowOf(left).getByTestId("credential-health")).toHaveText("Never tested");
  await page.getByRole("checkbox", { name: `Select Run ${tag} picked` }).check();
  const started = page.waitForResponse((response) => response.request().method() === "POST" && response.url().endsWith("/api/runs"));
  await page.getByRole("button", { name: "Test selected (1)" }).click();
  await apiReference.expectAnswer("POST", await started);

  const panel = page.getByTestId("run-panel");
  await expect(panel).toContainText("1 selected");
  await expect(panel).toHaveAttribute("data-state", "done", { timeout: 30_000 });
  await expect(panel.getByTestId("run-done")).toHaveText("1 of 1");
  await expect(rowOf(picked).getByTestId("credential-health")).toHaveText("Token fails");
  await expect(rowOf(left).getByTestId("credential-health")).toHaveText("Never tested");
  await expect(page.getByRole("button", { name: /^Test selected/ })).toHaveCount(0);
});
