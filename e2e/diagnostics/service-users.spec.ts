import { expect, test } from "../fixtures";
import { CredentialDetailPage } from "../pages/credential-detail-page";
import { ACME_ORG, DEMO_USERS, registerCredential } from "./demo-credentials";

// One test per demo service user whose setup in ZITADEL (not the network) decides the outcome.

test("acme-jwt-bot: a JWT whose claims are shown with a verified signature, and its organization", async ({ page, emulatorIssuer }) => {
  const { clientId, secret } = DEMO_USERS.jwtBot;
  const id = await registerCredential(page.request, { label: "ACME JWT bot", issuer: emulatorIssuer, clientId, clientSecret: secret });
  const detail = new CredentialDetailPage(page);
  await detail.goto(id);

  await detail.getNewToken();
  await expect(detail.tokenKind()).toHaveText("JWT");
  await expect(detail.freshness()).toHaveText("fresh");
  const claims = detail.tokenPanel.getByRole("table", { name: "Access token claims" });
  await expect(claims).toBeVisible();
  await expect(claims.getByRole("row", { name: /^iss/ })).toContainText(emulatorIssuer);
  await expect(claims.getByRole("row", { name: /^exp/ })).toBeVisible();
  await expect(detail.tokenPanel.getByTestId("jwt-details").getByText("Signature verified")).toBeVisible();
  await expect(detail.tokenPanel.getByRole("table", { name: "JWT header" })).toContainText("RS256");
  await expect(detail.orgName()).toHaveText(ACME_ORG.name);

  await detail.openExchange();
  await expect(page.getByText("curl: token request")).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/credential-detail.png", fullPage: true });
});

test("acme-no-role: the org lookup is refused with 403 and the Org Owner hint", async ({ page, emulatorIssuer }) => {
  const { clientId, secret } = DEMO_USERS.noRole;
  const id = await registerCredential(page.request, { label: "ACME no role", issuer: emulatorIssuer, clientId, clientSecret: secret });
  const detail = new CredentialDetailPage(page);
  await detail.goto(id);

  const diagnosis = detail.orgDiagnosis();
  await expect(diagnosis).toContainText("no permission to read the organization");
  await expect(diagnosis).toContainText("HTTP 403");
  await expect(diagnosis).toContainText("Org Owner");
  await expect(diagnosis).toContainText("AUTH-5mWD2");
  await detail.testToken();
  await expect(detail.tokenPanel).toContainText("Token issued");
});

test("acme-retired: the deactivated service user explanation, reached by keyboard", async ({ page, emulatorIssuer }) => {
  const { clientId, secret } = DEMO_USERS.retired;
  const id = await registerCredential(page.request, { label: "ACME retired", issuer: emulatorIssuer, clientId, clientSecret: secret });
  const detail = new CredentialDetailPage(page);
  await detail.goto(id);
  await detail.testTokenWithKeyboard();
  const diagnosis = detail.tokenDiagnosis();
  await expect(diagnosis).toContainText("Service user is deactivated or locked");
  await expect(diagnosis).toContainText("Reactivate");
  await expect(detail.tokenPanel.getByRole("button", { name: "Test token" }), "focus stays on the button").toBeFocused();
  await page.keyboard.press("Tab");
  await expect(detail.tokenPanel.getByRole("button", { name: "Get a new token" })).toBeFocused();
  await expect(detail.historyRows().first()).toContainText("User deactivated");

  await detail.exchangeToggle().focus();
  await page.keyboard.press("Enter");
  await expect(page.getByText("curl: token request")).toBeVisible();
  await expect(page.getByRole("figure").filter({ hasText: "Request" }).first()).toContainText("grant_type=client_credentials");
});

test("the numeric user ID as client ID: client not found, with the username hint", async ({ page, emulatorIssuer }) => {
  const id = await registerCredential(page.request, {
    label: "ACME reporter by user ID",
    issuer: emulatorIssuer,
    clientId: "300000000000000001",
    clientSecret: DEMO_USERS.reporter.secret,
  });
  const detail = new CredentialDetailPage(page);
  await detail.goto(id);
  await detail.testToken();
  const diagnosis = detail.tokenDiagnosis();
  await expect(diagnosis).toContainText("Client ID not found");
  await expect(diagnosis).toContainText("looks like a numeric user ID");
  await expect(diagnosis).toContainText("username");
  await expect(diagnosis.getByRole("button", { name: "Try again" })).toHaveCount(0);
});

test("globex-sync with an unknown organization ID: the unknown organization explanation", async ({ page, emulatorIssuer }) => {
  const { clientId, secret } = DEMO_USERS.globex;
  const id = await registerCredential(page.request, { label: "Globex sync", issuer: emulatorIssuer, clientId, clientSecret: secret, orgId: "999999999999999999" });
  const detail = new CredentialDetailPage(page);
  await detail.goto(id);
  const diagnosis = detail.orgDiagnosis();
  await expect(diagnosis).toContainText("Organization not found");
  await expect(diagnosis).toContainText("999999999999999999");
  await expect(diagnosis).toContainText("AUTH-Bs7Ds");
});

test("an issuer address that is not the instance's domain: Instance not found", async ({ page, emulatorIssuer }) => {
  const wrongDomain = emulatorIssuer.replace("localhost", "127.0.0.1");
  const { clientId, secret } = DEMO_USERS.reporter;
  const id = await registerCredential(page.request, { label: "ACME reporter, wrong domain", issuer: wrongDomain, clientId, clientSecret: secret });
  const detail = new CredentialDetailPage(page);
  await detail.goto(id);
  await detail.testToken();
  const diagnosis = detail.tokenDiagnosis();
  await expect(diagnosis).toContainText("No ZITADEL instance at this address");
  await expect(diagnosis).toContainText("Instance not found");
});

test("acme-jwt-bot with other scopes for one test: the audience follows them, the credential keeps its own", async ({ page, emulatorIssuer }) => {
  const { clientId, secret } = DEMO_USERS.jwtBot;
  const id = await registerCredential(page.request, { label: "ACME JWT bot", issuer: emulatorIssuer, clientId, clientSecret: secret });
  const detail = new CredentialDetailPage(page);
  await detail.goto(id);

  await detail.tokenPanel.getByText("Other scopes for this test").click();
  await detail.tokenPanel.getByLabel("Scopes (space-separated)").fill("openid");
  await detail.testToken();
  // Without the ZITADEL audience scope, ZITADEL falls back to the username as the only audience.
  const aud = detail.tokenPanel.getByRole("table", { name: "Access token claims" }).getByRole("row", { name: /^aud/ });
  await expect(aud).toContainText(clientId);
  await expect(aud).not.toContainText("100000000000000001");

  const credential = await (await page.request.get(`/api/credentials/${id}`)).json();
  expect(credential.scopes).toContain("urn:zitadel:iam:org:project:id:zitadel:aud");
});
