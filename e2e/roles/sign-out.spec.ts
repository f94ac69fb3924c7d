import type { Browser, BrowserContext } from "@playwright/test";
import { expect, test } from "../fixtures";
import { DEMO_OPERATORS, fillZitadelLogin, signInThroughZitadel } from "../support/sign-in";

// Signing out signs out: the console's session ends on the server at once (a copy of the cookie is worthless), and
// ZITADEL's login session ends too, so the next sign-in asks for the password again. Each test signs in afresh: the
// saved sessions of the other specs must outlive these sign-outs.

const SIGNED_OUT = { cookies: [], origins: [] };

async function signedInContext(browser: Browser, appOrigin: string, role: "viewer" | "operator"): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: appOrigin, storageState: SIGNED_OUT });
  await signInThroughZitadel(await context.newPage(), DEMO_OPERATORS[role]);
  return context;
}

/** Drops the console's cookie only: ZITADEL's (the emulator's) login session stays, as after a closed browser tab. */
async function forgetConsoleCookie(context: BrowserContext) {
  await context.clearCookies({ name: /next-auth/ });
}

test("after sign-out, signing in again asks for the password", async ({ browser, appOrigin }) => {
  const context = await signedInContext(browser, appOrigin, "viewer");
  const page = context.pages()[0]!;
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login\?state=signed-out$/);
  await expect(page.getByText("You are signed out.")).toBeVisible();

  await page.getByRole("button", { name: "Sign in with ZITADEL" }).click();
  await expect(page).toHaveURL(/\/ui\/login\//);
  await expect(page.getByLabel("Password")).toBeVisible();
  await fillZitadelLogin(page, DEMO_OPERATORS.viewer);
  await expect(page.getByTestId("signed-in-operator")).toContainText(DEMO_OPERATORS.viewer.name);
  await context.close();
});

test('"Sign in as someone else" shows ZITADEL\'s login form even while ZITADEL still knows who was here', async ({
  browser,
  appOrigin,
}) => {
  const context = await signedInContext(browser, appOrigin, "viewer");
  const page = context.pages()[0]!;

  // Without it, ZITADEL signs the browser straight back in as the same person.
  await forgetConsoleCookie(context);
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in with ZITADEL" }).click();
  await expect(page).toHaveURL(/\/credentials$/);
  await expect(page.getByTestId("signed-in-operator")).toContainText(DEMO_OPERATORS.viewer.name);

  await forgetConsoleCookie(context);
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in as someone else" }).click();
  await expect(page.getByLabel("Password")).toBeVisible();
  await fillZitadelLogin(page, DEMO_OPERATORS.operator);
  await expect(page.getByTestId("signed-in-operator")).toContainText(`${DEMO_OPERATORS.operator.name} · Operator`);
  await context.close();
});

test("a session cookie saved before sign-out answers 401 afterwards", async ({ browser, appOrigin, playwright }) => {
  const context = await signedInContext(browser, appOrigin, "viewer");
  const page = context.pages()[0]!;
  const saved = await context.storageState();
  const before = await playwright.request.newContext({ baseURL: appOrigin, storageState: saved });
  expect((await before.get("/api/me")).status(), "the copy works while the session lasts").toBe(200);
  await before.dispose();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByText("You are signed out.")).toBeVisible();

  const replay = await playwright.request.newContext({ baseURL: appOrigin, storageState: saved });
  for (const path of ["/api/me", "/api/credentials"]) {
    const response = await replay.get(path);
    expect(response.status(), path).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: "unauthorized" } });
  }
  await replay.dispose();

  const copied = await browser.newContext({ baseURL: appOrigin, storageState: saved });
  const copiedPage = await copied.newPage();
  await copiedPage.goto("/credentials");
  await expect(copiedPage).toHaveURL(/\/login/);
  await copied.close();
  await context.close();
});
