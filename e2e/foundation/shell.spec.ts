import { expect, test } from "../fixtures";
import { DEMO_OPERATORS, signInThroughZitadel } from "../support/sign-in";

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("the health route answers without a session", async ({ request, apiReference }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    await apiReference.expectAnswer("GET", response);
    expect(await response.json()).toEqual({ status: "ok", store: "ready" });
  });

  test("an API call without a session gets 401 JSON", async ({ request }) => {
    const response = await request.get("/api/credentials");
    expect(response.status()).toBe(401);
    expect(response.headers()["cache-control"]).toContain("no-store");
    expect(await response.json()).toMatchObject({ error: { code: "unauthorized" } });
  });

  test("a signed-out visit to a page redirects to sign-in", async ({ page }) => {
    await page.goto("/credentials");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fcredentials/);
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  });

  test("signing in through ZITADEL lands in the shell with the operator's name, and sign-out works", async ({ page, requestAs }) => {
    await page.goto("/credentials");
    await page.getByRole("button", { name: "Sign in with ZITADEL" }).click();
    await expect(page).toHaveURL(/\/ui\/login\//);
    await page.getByLabel("Login name").fill(DEMO_OPERATORS.operator.loginName);
    await page.getByLabel("Password").fill("wrong-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Wrong login name or password")).toBeVisible();
    await page.getByLabel("Login name").fill(DEMO_OPERATORS.operator.loginName);
    await page.getByLabel("Password").fill(DEMO_OPERATORS.operator.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/credentials$/);
    await expect(page.getByTestId("signed-in-operator")).toContainText(`${DEMO_OPERATORS.operator.name} · Operator`);
    const admin = await requestAs("admin");
    const audit = (await (await admin.get("/api/audit?action=login.success")).json()) as {
      items: { action: string; actorName: string | null }[];
    };
    expect(audit.items).toContainEqual(expect.objectContaining({ action: "login.success", actorName: DEMO_OPERATORS.operator.name }));

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByText("You are signed out.")).toBeVisible();
    await page.goto("/credentials");
    await expect(page).toHaveURL(/\/login/);
  });

  test("each demo operator can sign in", async ({ page }) => {
    await signInThroughZitadel(page, DEMO_OPERATORS.viewer);
    await expect(page.getByTestId("signed-in-operator")).toContainText(DEMO_OPERATORS.viewer.name);
  });
});

test("a signed-in operator sees the app shell", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/credentials/);
  await expect(page.getByTestId("signed-in-operator")).toContainText(DEMO_OPERATORS.admin.name);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" })).toBeVisible();
});

test("an unknown page shows the not-found state", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This page does not exist" })).toBeVisible();
});
