import { readFile } from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { registerHealthy } from "../a11y/a11y-pages";
import { DEMO_USERS, registerCredential } from "../diagnostics/demo-credentials";
import { demoPats, keyFileText, registerKind } from "../diagnostics/demo-kinds";
import { expect, test } from "../fixtures";
import { uniqueSuffix } from "../pages/credentials-page";

// The presenter view shows a room one credential's sign-in step by step, breaks it into the emulator's failures, and
// a shared report of a failing test says why without anything that could authenticate.

test.slow();

interface Scenario {
  id: string;
  label: string;
  stage: "token" | "api";
  diagnosis: { title: string; fix: string };
}

const step = (page: Page) => page.getByTestId("presenter-step");

async function expectStep(page: Page, position: string, title: string | RegExp) {
  await expect(page.getByTestId("presenter-position")).toHaveText(position);
  await expect(step(page).getByRole("heading", { level: 2 })).toHaveText(title);
}

test("an operator presents a healthy demo credential by keyboard, then breaks it into each emulator failure", async ({
  page,
  api,
  emulatorIssuer,
}) => {
  const id = await registerHealthy(api, emulatorIssuer);
  await page.goto(`/credentials/${id}`);
  await page.getByRole("link", { name: "Present", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/credentials/${id}/present$`));
  await expect(page.getByTestId("presenter-source")).toHaveText("A fresh check, run just now.", { timeout: 30_000 });

  await expectStep(page, "Step 1 of 4", "Ask for a token");
  await expect(step(page)).toContainText("urn:zitadel:iam:org:project:id:zitadel:aud");
  await expect(step(page)).toContainText("audience");
  await step(page).getByText("Show the HTTP").click();
  await expect(step(page).getByTestId("presenter-http")).toContainText("grant_type=client_credentials");
  await expect(step(page).getByTestId("presenter-http")).toContainText("[REDACTED]");

  await page.keyboard.press("ArrowRight");
  await expectStep(page, "Step 2 of 4", "The token comes back");
  await expect(step(page)).toContainText("Lifetime");
  await step(page).getByText("Show the HTTP").click();
  await expect(step(page).getByTestId("presenter-http")).toContainText(/<access token, \d+ characters>/);
  await page.keyboard.press("ArrowRight");
  await expectStep(page, "Step 3 of 4", "Call the API");
  await page.keyboard.press("ArrowRight");
  await expectStep(page, "Step 4 of 4", "The organization comes back");
  await expect(step(page)).toContainText("ACME Corporation");
  await page.keyboard.press("ArrowRight");
  await expectStep(page, "Step 4 of 4", "The organization comes back");
  await page.keyboard.press("ArrowLeft");
  await expectStep(page, "Step 3 of 4", "Call the API");

  const { scenarios } = (await (await api.get(`/api/credentials/${id}/presentation`)).json()) as { scenarios: Scenario[] };
  const demo = scenarios.filter((scenario) => scenario.id !== "latest");
  expect(demo.map((scenario) => scenario.label)).toEqual([
    "Wrong secret",
    "No manager role",
    "Deactivated user",
    "Expired key",
    "Numeric client ID",
    "Slow issuer",
  ]);
  await page.getByRole("button", { name: "Break it", exact: true }).click();
  const choices = page.getByRole("group", { name: "Break it: show the flow failing" });
  for (const scenario of demo) {
    await choices.getByRole("button", { name: new RegExp(`^${scenario.label}`) }).click();
    const failing = scenario.stage === "token" ? "The token comes back: it fails here" : "The organization comes back: it fails here";
    await expect(step(page).getByRole("heading", { level: 2 })).toHaveText(failing);
    await expect(step(page)).toHaveAttribute("data-status", "failed");
    const diagnosis = step(page).getByTestId("presenter-diagnosis");
    await expect(diagnosis).toContainText(scenario.diagnosis.title);
    await expect(diagnosis).toContainText(scenario.diagnosis.fix);
  }
  await choices.getByRole("button", { name: "Working" }).click();
  await expectStep(page, "Step 1 of 4", "Ask for a token");
});

test("a viewer presents the latest recorded check without running one", async ({ api, pageAs, emulatorIssuer }) => {
  const id = await registerHealthy(api, emulatorIssuer);
  expect((await api.post(`/api/credentials/${id}/token`)).ok()).toBe(true);
  expect((await api.post(`/api/credentials/${id}/org`, { data: { trigger: "operator" } })).ok()).toBe(true);

  const viewer = await pageAs("viewer");
  const posts: string[] = [];
  viewer.on("request", (request) => {
    if (request.method() === "POST" && request.url().includes(`/api/credentials/${id}/`)) posts.push(request.url());
  });
  await viewer.goto(`/credentials/${id}/present`);
  await expect(viewer.getByTestId("presenter-source")).toContainText("Replaying the latest recorded check, by Ada Admin");
  await expect(viewer.getByRole("button", { name: "Run a fresh check" })).toHaveCount(0);
  await expectStep(viewer, "Step 1 of 4", "Ask for a token");
  await viewer.getByRole("button", { name: "Next →" }).click();
  await expectStep(viewer, "Step 2 of 4", "The token comes back");
  await expect(step(viewer)).toContainText("Bearer");
  await viewer.getByRole("button", { name: "Next →" }).click();
  await viewer.getByRole("button", { name: "Next →" }).click();
  await expectStep(viewer, "Step 4 of 4", "The organization comes back");
  await expect(step(viewer)).toContainText("ACME Corporation");
  expect(posts).toEqual([]);
});

test("a key file signs its assertion before asking; a PAT skips the token endpoint", async ({ page, api, emulatorIssuer }) => {
  const keyId = await registerKind(api, {
    kind: "jwt_profile",
    label: "ACME key bot",
    issuer: emulatorIssuer,
    keyFile: keyFileText("acme-key-bot"),
  });
  await page.goto(`/credentials/${keyId}/present`);
  await expect(page.getByTestId("presenter-source")).toHaveText("A fresh check, run just now.", { timeout: 30_000 });
  await expectStep(page, "Step 1 of 5", "Sign an assertion");
  await expect(step(page).getByRole("table", { name: "Assertion claims" })).toContainText("aud");
  await step(page).getByText("Show the HTTP").click();
  await expect(step(page).getByTestId("presenter-http")).toContainText("<signature>");
  await page.keyboard.press("ArrowRight");
  await expectStep(page, "Step 2 of 5", "Ask for a token");
  await expect(step(page)).toContainText("urn:ietf:params:oauth:grant-type:jwt-bearer");
  await step(page).getByText("Show the HTTP").click();
  await expect(step(page).getByTestId("presenter-http")).toContainText("assertion=[REDACTED]");

  const patId = await registerKind(api, {
    kind: "pat",
    label: "ACME reporter PAT (present)",
    issuer: emulatorIssuer,
    token: demoPats().valid,
  });
  await page.goto(`/credentials/${patId}/present`);
  await expect(page.getByTestId("presenter-source")).toHaveText("A fresh check, run just now.", { timeout: 30_000 });
  await expectStep(page, "Step 1 of 3", "The token it already holds");
  await expect(page.getByRole("list", { name: "Sequence diagram" })).not.toContainText("ZITADEL token endpoint");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expectStep(page, "Step 3 of 3", "The organization comes back");
  await expect(step(page)).toContainText("ACME Corporation");
  await page.getByRole("button", { name: "Break it", exact: true }).click();
  await page.getByRole("button", { name: /^No manager role/ }).click();
  await expectStep(page, "Step 3 of 3", "The organization comes back: it fails here");
  await expect(page.getByRole("button", { name: /^Wrong secret/ })).toHaveCount(0);
});

test("the presenter view has no axe violations in light and dark, at desktop and phone width", async ({ page, api, emulatorIssuer }) => {
  const id = await registerHealthy(api, emulatorIssuer);
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.goto(`/credentials/${id}/present`);
  await expect(page.getByTestId("presenter-source")).toHaveText("A fresh check, run just now.", { timeout: 30_000 });
  await page.getByRole("button", { name: "Break it", exact: true }).click();
  await page.getByRole("button", { name: /^No manager role/ }).click();
  await step(page).getByText("Show the HTTP").click();
  const found: string[] = [];
  for (const colorScheme of ["light", "dark"] as const) {
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 390, height: 844 },
    ]) {
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme, reducedMotion: "reduce" });
      await expect(step(page)).toBeVisible();
      const results = await new AxeBuilder({ page }).analyze();
      for (const violation of results.violations) {
        found.push(
          `${colorScheme} ${viewport.width}px ${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
        );
      }
      // Nothing sticks out sideways on a phone: the page is as wide as the screen.
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(viewport.width);
    }
  }
  expect(found).toEqual([]);
});

test("a shared report of a failing token test has the diagnosis and curl and none of the secret", async ({ page, api, emulatorIssuer }) => {
  const suffix = uniqueSuffix();
  const secret = `ReportCanary${suffix}Qw7Er9Ty1Ui3Op5As`;
  const id = await registerCredential(api, {
    label: `Report ${suffix}`,
    issuer: emulatorIssuer,
    clientId: `report-sa-${suffix}`,
    clientSecret: secret,
  });
  await page.goto(`/credentials/${id}`);
  const tokenPanel = page.getByRole("region", { name: "Access token" });
  await tokenPanel.getByRole("button", { name: "Test token" }).click();
  await expect(tokenPanel.getByTestId("token-diagnosis")).toContainText("Client ID not found");

  const share = page.getByTestId("share-report");
  await share.getByText("Share report").click();
  const texts: string[] = [];
  for (const name of ["Download Markdown", "Download JSON"]) {
    const [download] = await Promise.all([page.waitForEvent("download"), share.getByRole("button", { name }).click()]);
    texts.push(await readFile((await download.path())!, "utf8"));
  }
  const [printable] = await Promise.all([
    page.context().waitForEvent("page"),
    share.getByRole("button", { name: "Printable page" }).click(),
  ]);
  await expect(printable.locator("pre")).toContainText("Client ID not found");
  texts.push(await printable.content());

  for (const text of texts) {
    expect(text).toContain("Client ID not found");
    expect(text).toContain(`report-sa-${suffix}`);
    expect(text).toContain("curl --request POST");
    expect(text).toContain("$CLIENT_SECRET");
    expect(text.includes(secret), "the report must not contain the secret").toBe(false);
  }
  expect(JSON.parse(texts[1]!)).toMatchObject({ tokenTest: { outcome: "failed", diagnosis: { code: "client_not_found" } } });
});

test("a shared report of a working check carries no part of the access token", async ({ page, api, emulatorIssuer }) => {
  const id = await registerHealthy(api, emulatorIssuer);
  await page.goto(`/credentials/${id}`);
  await expect(page.getByRole("region", { name: "Organization" }).getByTestId("org-name")).toHaveText("ACME Corporation");
  const tokenPanel = page.getByRole("region", { name: "Access token" });
  await tokenPanel.getByRole("button", { name: "Test token" }).click();
  await expect(tokenPanel.getByTestId("token-countdown")).toBeVisible();
  const revealed = await api.post(`/api/credentials/${id}/token/reveal`);
  expect(revealed.ok()).toBe(true);
  const { accessToken } = (await revealed.json()) as { accessToken: string };

  const share = page.getByTestId("share-report");
  await share.getByText("Share report").click();
  const [download] = await Promise.all([page.waitForEvent("download"), share.getByRole("button", { name: "Download JSON" }).click()]);
  const text = await readFile((await download.path())!, "utf8");
  expect(text).toContain("ACME Corporation");
  // Neither the token nor the mask the page shows of it (its first 8 and last 4 characters), nor the secret.
  for (const part of [accessToken, `${accessToken.slice(0, 8)}…${accessToken.slice(-4)}`, DEMO_USERS.jwtBot.secret]) {
    expect(text.includes(part)).toBe(false);
  }
});
