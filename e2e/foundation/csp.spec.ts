import type { BrowserContext, Page } from "@playwright/test";
import { registerCredential } from "../diagnostics/demo-credentials";
import { expect, test } from "../fixtures";
import { uniqueSuffix } from "../pages/credentials-page";

// Every page runs under a strict Content-Security-Policy (a nonce per response, no inline script allowed) and loads
// without a single violation, console error or failed sub-resource: what a browser would block, it never needs.

declare global {
  interface Window {
    cspViolations: string[];
  }
}

interface PageReport {
  page: Page;
  status: number;
  violations: string[];
  consoleErrors: string[];
  failedSubresources: string[];
  policy: string;
}

/** Loads a page in a new tab and reports what the browser blocked or logged while it settled. */
async function visit(context: BrowserContext, path: string, heading: string | RegExp): Promise<PageReport> {
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      const where = `${event.sourceFile || event.documentURI}:${event.lineNumber}:${event.columnNumber}`;
      window.cspViolations.push(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"} at ${where}`);
    });
  });
  const consoleErrors: string[] = [];
  const failedSubresources: string[] = [];
  page.on("console", (message) => {
    // The browser logs a document's own error status too; that one is the page's answer, checked by its caller.
    const isDocumentStatus =
      message.text().startsWith("Failed to load resource") && message.location().url === new URL(path, page.url()).href;
    if (message.type() === "error" && !isDocumentStatus) consoleErrors.push(`${message.text()} (${message.location().url})`);
  });
  page.on("pageerror", (error) => consoleErrors.push(error.message));
  page.on("response", (response) => {
    const isDocument = response.request().isNavigationRequest() && response.frame() === page.mainFrame();
    if (!isDocument && response.status() >= 400) failedSubresources.push(`${response.status()} ${response.url()}`);
  });
  const answer = await page.goto(path);
  // Some headings appear only once the page has hydrated and fetched its data: give a busy machine time for both.
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible({ timeout: 30_000 });
  await page.waitForLoadState("networkidle");
  return {
    page,
    status: answer!.status(),
    violations: await page.evaluate(() => window.cspViolations),
    consoleErrors,
    failedSubresources,
    policy: (await answer!.allHeaders())["content-security-policy"] ?? "",
  };
}

function scriptSources(policy: string): string[] {
  const directive = policy
    .split(";")
    .map((part) => part.trim().split(/\s+/))
    .find(([name]) => name === "script-src");
  return directive?.slice(1) ?? [];
}

function expectStrictAndClean(report: PageReport) {
  const sources = scriptSources(report.policy);
  expect(
    sources.some((source) => /^'nonce-[A-Za-z0-9+/=]{16,}'$/.test(source)),
    report.policy,
  ).toBe(true);
  expect(sources).not.toContain("'unsafe-inline'");
  expect(sources).not.toContain("'unsafe-eval'");
  expect(report.policy).toContain("object-src 'none'");
  expect(report.policy).toContain("base-uri 'none'");
  expect(report.policy).toContain("frame-ancestors 'none'");
  expect(report.violations).toEqual([]);
  expect(report.consoleErrors).toEqual([]);
  expect(report.failedSubresources).toEqual([]);
}

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("the sign-in page is strict and clean, with a fresh nonce on every load", async ({ context }) => {
    const first = await visit(context, "/login", "Sign in");
    expectStrictAndClean(first);
    await expect(first.page.getByRole("button", { name: "Sign in with ZITADEL" })).toBeEnabled();
    const second = await visit(context, "/login", "Sign in");
    expect(scriptSources(second.policy)).not.toEqual(scriptSources(first.policy));
  });
});

const consolePages: [string, string, number][] = [
  ["/credentials", "Credentials", 200],
  ["/credentials/new", "Register a credential", 200],
  ["/credentials/import", "Import credentials", 200],
  ["/audit", "Audit log", 200],
  ["/no-such-page", "This page does not exist", 404],
];
for (const [path, heading, status] of consolePages) {
  test(`${path} is strict and clean`, async ({ context }) => {
    const report = await visit(context, path, heading);
    expect(report.status).toBe(status);
    expectStrictAndClean(report);
  });
}

test("a credential's detail and edit pages are strict and clean", async ({ context, api, emulatorIssuer }) => {
  const label = `CSP ${uniqueSuffix()}`;
  const id = await registerCredential(api, {
    label,
    issuer: emulatorIssuer,
    clientId: `csp-sa-${uniqueSuffix()}`,
    clientSecret: "csp-secret-not-a-real-one",
  });
  expectStrictAndClean(await visit(context, `/credentials/${id}`, label));
  expectStrictAndClean(await visit(context, `/credentials/${id}/edit`, "Edit credential"));
});

test("a script injected into a page's markup does not run, and the browser reports it", async ({ context }) => {
  // As if some page let markup through unescaped: the response keeps its policy but carries a script without the nonce.
  await context.route("**/credentials", async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace("</body>", "<script>window.injectedScriptRan = true</script></body>");
    await route.fulfill({ response, body: html });
  });
  const page = await context.newPage();
  const violations: string[] = [];
  page.on("console", (message) => violations.push(message.text()));
  await page.goto("/credentials");
  await expect(page.getByRole("heading", { level: 1, name: "Credentials" })).toBeVisible();
  expect(await page.evaluate(() => "injectedScriptRan" in window)).toBe(false);
  expect(violations).toContainEqual(expect.stringContaining("violates the following Content Security Policy directive"));
});
