import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Page } from "@playwright/test";
import { DEMO_USERS, ACME_ORG, registerCredential } from "../diagnostics/demo-credentials";
import { ensureIntrospectionClient } from "../diagnostics/demo-kinds";
import { expect, test } from "../fixtures";

// Support pastes a customer's access token on /lookup, as a viewer, and learns whose it is and whether ZITADEL accepts
// it; the token itself never comes back from the API.

const SCOPES = "openid urn:zitadel:iam:user:resourceowner urn:zitadel:iam:org:project:id:500000000000000002:aud";

/** A token as the customer got it: straight from the emulator's token endpoint, not through the console. */
async function customerToken(request: APIRequestContext, issuer: string): Promise<string> {
  const { clientId, secret } = DEMO_USERS.jwtBot;
  const response = await request.post(`${issuer}/oauth/v2/token`, {
    headers: { authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString("base64")}` },
    form: { grant_type: "client_credentials", scope: SCOPES },
  });
  expect(response.ok(), await response.text()).toBe(true);
  return ((await response.json()) as { access_token: string }).access_token;
}

async function lookUp(page: Page, token: string) {
  await page.getByLabel("Paste an access token").fill(token);
  const answered = page.waitForResponse((response) => response.url().endsWith("/api/lookup/token"));
  await page.getByRole("button", { name: "Look up token" }).click();
  return answered;
}

test("a viewer pastes a service user's token and sees the user, its organization, that ZITADEL accepts it and its credential", async ({
  page,
  api,
  pageAs,
  request,
  emulatorIssuer,
  apiReference,
}) => {
  await ensureIntrospectionClient(page, emulatorIssuer);
  const { clientId, secret } = DEMO_USERS.jwtBot;
  const credentialId = await registerCredential(api, { label: "ACME JWT bot", issuer: emulatorIssuer, clientId, clientSecret: secret });
  const token = await customerToken(request, emulatorIssuer);

  const viewer = await pageAs("viewer");
  await viewer.goto("/credentials");
  await viewer.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Look up", exact: true }).click();
  await expect(viewer.getByRole("heading", { level: 1, name: "Look up" })).toBeVisible();
  await expect(viewer.getByRole("heading", { level: 2, name: "Look up a token" })).toBeVisible();
  const response = await lookUp(viewer, token);

  expect(response.status()).toBe(200);
  const body = await response.text();
  expect(body).not.toContain(token);
  expect(body).not.toContain(token.split(".")[2]);
  await apiReference.expectAnswer("POST", response);

  const card = viewer.getByTestId("token-lookup-card");
  await expect(card.getByRole("heading", { level: 2 })).toHaveText(clientId);
  await expect(card.getByTestId("token-lookup-org")).toHaveText(ACME_ORG.name);
  await expect(card).toContainText(ACME_ORG.id);
  await expect(card.getByTestId("token-lookup-accepted")).toHaveText("Accepted");
  await expect(card).toContainText("Verified with the issuer's keys");
  // Another spec may have registered the same service user under its own label: the link is found by its target.
  await expect(card.locator(`a[href="/credentials/${credentialId}"]`)).toBeVisible();
  await expect(card.getByRole("table", { name: "Claims" })).toContainText("urn:zitadel:iam:user:resourceowner:id");
  // The pasted token leaves the form once answered.
  await expect(viewer.getByLabel("Paste an access token")).toHaveValue("");
  await expect(viewer.getByText(token)).toHaveCount(0);

  for (const colorScheme of ["light", "dark"] as const) {
    await viewer.emulateMedia({ colorScheme, reducedMotion: "reduce" });
    const results = await new AxeBuilder({ page: viewer }).analyze();
    expect(results.violations.map((violation) => `${colorScheme} ${violation.id}: ${violation.help}`)).toEqual([]);
  }
});

test("pasting something that is not a token says clearly why it cannot be looked up", async ({ page }) => {
  await page.goto("/lookup");
  const response = await lookUp(page, "hello-this-is-not-a-token");
  expect(response.status()).toBe(422);
  const refusal = page.getByRole("alert").filter({ hasText: "This is not a JWT" });
  await expect(refusal).toBeVisible();
  await expect(refusal).toContainText("Known issuers:");
  await expect(page.getByLabel("Issuer")).toHaveAccessibleDescription(/Choose the issuer the token comes from/);
  await expect(page.getByTestId("token-lookup-card")).toHaveCount(0);
});
