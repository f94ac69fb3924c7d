import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Page } from "@playwright/test";
import { ACME_ORG, DEMO_USERS, registerCredential } from "../diagnostics/demo-credentials";
import { expect, test } from "../fixtures";

// Support has a client ID from a ticket or a user ID from a log line, and no secret: the header's search box (or
// /lookup) reads the service user in ZITADEL with the admin's own ZITADEL account (Org Owner of ACME in the emulator)
// and says where it lives and what is wrong with it. Demo users no other spec changes: acme-key-bot (one key
// expired, one not), acme-retired (deactivated), acme-no-secret (no secret, no key, no manager role).

const KEY_BOT = { loginName: "acme-key-bot", id: "300000000000000013" };
const RETIRED_ID = "300000000000000004";

function searchBox(page: Page) {
  return page.getByRole("search", { name: "Look up" }).getByRole("searchbox", { name: "Look up a client ID, user ID or token" });
}

async function searchFromHeader(page: Page, query: string) {
  const answered = page.waitForResponse((response) => response.url().endsWith("/api/lookup/user"));
  await searchBox(page).fill(query);
  await searchBox(page).press("Enter");
  return answered;
}

async function lookUpOnPage(page: Page, query: string) {
  const answered = page.waitForResponse((response) => response.url().endsWith("/api/lookup/user"));
  await page.getByLabel("Client ID, login name, user ID or token").fill(query);
  await page.getByRole("button", { name: "Look up", exact: true }).click();
  return answered;
}

for (const width of [1280, 390]) {
  test(`at ${width} px the header search finds a service user by login name and by id, with its org and what is wrong`, async ({
    page,
    apiReference,
  }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto("/credentials");
    const response = await searchFromHeader(page, KEY_BOT.loginName);
    expect(response.status()).toBe(200);
    await apiReference.expectAnswer("POST", response);
    await expect(page).toHaveURL(/\/lookup\?q=acme-key-bot$/);

    const card = page.getByTestId("user-lookup-card");
    await expect(card.getByTestId("user-lookup-name")).toHaveText(KEY_BOT.loginName);
    await expect(card.getByTestId("user-lookup-state")).toHaveText("Active");
    await expect(card.getByTestId("user-lookup-id")).toHaveText(KEY_BOT.id);
    await expect(card.getByTestId("user-lookup-org")).toHaveText(ACME_ORG.name);
    await expect(card).toContainText(ACME_ORG.id);
    await expect(card).toContainText("acme.localhost");
    await expect(card.getByText("600000000000000002", { exact: true })).toBeVisible();
    await expect(card).toContainText(/expired .*2025/);
    await expect(card.getByTestId("user-lookup-roles")).toContainText("ORG_OWNER");
    await expect(card).toContainText("Your own ZITADEL account");
    await expect(card.getByTestId("user-lookup-healthy")).toBeVisible();

    const byId = await lookUpOnPage(page, RETIRED_ID);
    expect(byId.status()).toBe(200);
    await expect(card.getByTestId("user-lookup-name")).toHaveText("acme-retired");
    await expect(card.getByTestId("user-lookup-state")).toHaveText("Deactivated");
    await expect(card.getByTestId("user-lookup-org")).toHaveText(ACME_ORG.name);
    await expect(card.getByRole("alert").filter({ hasText: "Deactivated: ZITADEL issues it no token" })).toBeVisible();

    // Nothing on the page is wider than the window.
    const box = await card.boundingBox();
    expect(box && box.x + box.width).toBeLessThanOrEqual(width);
    const search = await searchBox(page).boundingBox();
    expect(search && search.x + search.width).toBeLessThanOrEqual(width);
  });
}

test("a service user without a manager role: the card says orgs/me will answer 403, that it cannot get a token, and offers the fix", async ({
  page,
  api,
  emulatorIssuer,
}) => {
  // Registered with a secret ZITADEL never made (it has none): the fix runs on a registered credential.
  const clientSecret = "N0SecretPlaceholderForLookup2026x";
  const id = await registerCredential(api, { label: "ACME no secret", issuer: emulatorIssuer, clientId: "acme-no-secret", clientSecret });
  await page.goto("/lookup?q=acme-no-secret");
  const card = page.getByTestId("user-lookup-card");
  await expect(card.getByTestId("user-lookup-name")).toHaveText("acme-no-secret");
  await expect(card.getByTestId("user-lookup-roles")).toHaveText("None");
  const noRole = card.getByRole("alert").filter({ hasText: "No manager role: orgs/me will answer 403" });
  await expect(noRole).toHaveAttribute("data-code", "missing_permission");
  await expect(noRole).toContainText("AUTH-5mWD2");
  await expect(noRole.getByRole("button", { name: "Fix it for me" })).toBeVisible();
  await expect(card.getByRole("alert").filter({ hasText: "No secret and no key" })).toBeVisible();
  await expect(card.locator(`a[href="/credentials/${id}"]`)).toBeVisible();

  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme, reducedMotion: "reduce" });
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((violation) => `${colorScheme} ${violation.id}: ${violation.help}`)).toEqual([]);
  }
});

test("a client ID nobody can read says not found, or not readable, and which permission would read it", async ({ page }) => {
  await page.goto("/lookup");
  const response = await lookUpOnPage(page, "no-such-service-user");
  expect(response.status()).toBe(200);
  const note = page.getByTestId("user-lookup-card").getByTestId("user-lookup-note");
  await expect(note).toContainText("Not found, or you cannot read its organization");
  await expect(note).toContainText("user.global.read");
});

test("an operator reads with their own ZITADEL account and is offered no provisioner", async ({ pageAs }) => {
  const oscar = await pageAs("operator");
  await oscar.goto("/credentials");
  const response = await searchFromHeader(oscar, KEY_BOT.id);
  const answer = (await response.json()) as { authorities: { kind: string }[]; authority: { kind: string } };
  expect(answer.authorities.map((authority) => authority.kind)).toEqual(["operator"]);
  const card = oscar.getByTestId("user-lookup-card");
  await expect(card.getByTestId("user-lookup-name")).toHaveText(KEY_BOT.loginName);
  await expect(card).toContainText("Your own ZITADEL account");
});

test("a viewer sees the console's part and who can read the rest; ZITADEL is not asked", async ({ pageAs }) => {
  const viewer = await pageAs("viewer");
  await viewer.goto("/credentials");
  await searchFromHeader(viewer, "acme-no-secret");
  const card = viewer.getByTestId("user-lookup-card");
  await expect(card.getByTestId("user-lookup-note")).toContainText("Viewers see the credentials registered here");
  await expect(card.getByTestId("user-lookup-org")).toHaveCount(0);
});

async function customerToken(request: APIRequestContext, issuer: string): Promise<string> {
  const { clientId, secret } = DEMO_USERS.jwtBot;
  const response = await request.post(`${issuer}/oauth/v2/token`, {
    headers: { authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString("base64")}` },
    form: { grant_type: "client_credentials", scope: "openid urn:zitadel:iam:user:resourceowner" },
  });
  expect(response.ok(), await response.text()).toBe(true);
  return ((await response.json()) as { access_token: string }).access_token;
}

test("a token in the header's search box is looked up as a token and never enters the URL", async ({ page, request, emulatorIssuer }) => {
  const token = await customerToken(request, emulatorIssuer);
  await page.goto("/credentials");
  const answered = page.waitForResponse((response) => response.url().endsWith("/api/lookup/token"));
  await searchBox(page).fill(token);
  await searchBox(page).press("Enter");
  expect((await answered).status()).toBe(200);
  await expect(page.getByTestId("token-lookup-card").getByRole("heading", { level: 2 })).toHaveText(DEMO_USERS.jwtBot.clientId);
  await expect(page).toHaveURL(/\/lookup$/);
  await expect(searchBox(page)).toHaveValue("");
  await expect(page.getByLabel("Paste an access token")).toHaveValue("");
});
