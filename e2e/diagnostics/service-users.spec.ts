import { expect, test } from "../fixtures";
import { ACME_ORG, DEMO_USERS, registerCredential } from "./demo-credentials";

// One test per demo service user whose setup in ZITADEL (not the network) decides the outcome.

test("acme-jwt-bot: a JWT whose claims are shown with a verified signature, and its organization", async ({
  page,
  api,
  detailPage,
  emulatorIssuer,
}) => {
  const { clientId, secret } = DEMO_USERS.jwtBot;
  const id = await registerCredential(api, { label: "ACME JWT bot", issuer: emulatorIssuer, clientId, clientSecret: secret });
  await detailPage.goto(id);

  await detailPage.testToken();
  await expect(detailPage.tokenKind()).toHaveText("JWT");
  await expect(detailPage.freshness()).toHaveText("fresh");
  const claims = detailPage.tokenPanel.getByRole("table", { name: "Access token claims" });
  await expect(claims).toBeVisible();
  await expect(claims.getByRole("row", { name: /^iss/ })).toContainText(emulatorIssuer);
  await expect(claims.getByRole("row", { name: /^exp/ })).toBeVisible();
  await expect(detailPage.tokenPanel.getByTestId("jwt-details").getByText("Signature verified")).toBeVisible();
  await expect(detailPage.tokenPanel.getByRole("table", { name: "JWT header" })).toContainText("RS256");
  await expect(detailPage.orgName()).toHaveText(ACME_ORG.name);

  await detailPage.openExchange();
  await expect(page.getByText("curl: token request")).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/credential-detailPage.png", fullPage: true });
});

test("acme-no-role: the org lookup is refused with 403 and the Org Owner hint", async ({ api, detailPage, emulatorIssuer }) => {
  const { clientId, secret } = DEMO_USERS.noRole;
  const id = await registerCredential(api, { label: "ACME no role", issuer: emulatorIssuer, clientId, clientSecret: secret });
  await detailPage.goto(id);

  const diagnosis = detailPage.orgDiagnosis();
  await expect(diagnosis).toContainText("no permission to read the organization");
  await expect(diagnosis).toContainText("HTTP 403");
  await expect(diagnosis).toContainText("Org Owner");
  await expect(diagnosis).toContainText("AUTH-5mWD2");
  await detailPage.testToken();
  await expect(detailPage.tokenPanel).toContainText("Token issued");
});

test("acme-retired: the deactivated service user explanation, reached by keyboard", async ({ page, api, detailPage, emulatorIssuer }) => {
  const { clientId, secret } = DEMO_USERS.retired;
  const id = await registerCredential(api, { label: "ACME retired", issuer: emulatorIssuer, clientId, clientSecret: secret });
  await detailPage.goto(id);
  await detailPage.testTokenWithKeyboard();
  const diagnosis = detailPage.tokenDiagnosis();
  await expect(diagnosis).toContainText("Service user is deactivated or locked");
  await expect(diagnosis).toContainText("Reactivate");
  await expect(detailPage.tokenPanel.getByRole("button", { name: "Test token" }), "focus stays on the button").toBeFocused();
  await expect(detailPage.historyRows().first()).toContainText("User deactivated");

  await detailPage.exchangeToggle().focus();
  await page.keyboard.press("Enter");
  await expect(page.getByText("curl: token request")).toBeVisible();
  await expect(page.getByRole("figure").filter({ hasText: "Request" }).first()).toContainText("grant_type=client_credentials");
});

test("the numeric user ID as client ID: client not found, with the username hint", async ({ api, detailPage, emulatorIssuer }) => {
  const id = await registerCredential(api, {
    label: "ACME reporter by user ID",
    issuer: emulatorIssuer,
    clientId: "300000000000000001",
    clientSecret: DEMO_USERS.reporter.secret,
  });
  await detailPage.goto(id);
  await detailPage.testToken();
  const diagnosis = detailPage.tokenDiagnosis();
  await expect(diagnosis).toContainText("Client ID not found");
  await expect(diagnosis).toContainText("looks like a numeric user ID");
  await expect(diagnosis).toContainText("username");
  await expect(diagnosis.getByRole("button", { name: "Try again" })).toHaveCount(0);
});

test("globex-sync with an unknown organization ID: the unknown organization explanation", async ({ api, detailPage, emulatorIssuer }) => {
  const { clientId, secret } = DEMO_USERS.globex;
  const id = await registerCredential(api, {
    label: "Globex sync",
    issuer: emulatorIssuer,
    clientId,
    clientSecret: secret,
    orgId: "999999999999999999",
  });
  await detailPage.goto(id);
  const diagnosis = detailPage.orgDiagnosis();
  await expect(diagnosis).toContainText("Organization not found");
  await expect(diagnosis).toContainText("999999999999999999");
  await expect(diagnosis).toContainText("AUTH-Bs7Ds");
});

test("an issuer address that is not the instance's domain: Instance not found", async ({ api, detailPage, emulatorIssuer }) => {
  const wrongDomain = emulatorIssuer.replace("localhost", "127.0.0.1");
  const { clientId, secret } = DEMO_USERS.reporter;
  const id = await registerCredential(api, { label: "ACME reporter, wrong domain", issuer: wrongDomain, clientId, clientSecret: secret });
  await detailPage.goto(id);
  await detailPage.testToken();
  const diagnosis = detailPage.tokenDiagnosis();
  await expect(diagnosis).toContainText("No ZITADEL instance at this address");
  await expect(diagnosis).toContainText("Instance not found");
});

test("acme-jwt-bot with other scopes for one test: the audience follows them, the credential keeps its own", async ({
  page,
  api,
  detailPage,
  emulatorIssuer,
}) => {
  const { clientId, secret } = DEMO_USERS.jwtBot;
  const id = await registerCredential(api, { label: "ACME JWT bot", issuer: emulatorIssuer, clientId, clientSecret: secret });
  await detailPage.goto(id);

  await detailPage.tokenPanel.getByText("Other scopes for this test").click();
  await detailPage.tokenPanel.getByLabel("Scopes (space-separated)").fill("openid");
  await detailPage.testToken();
  // Without the ZITADEL audience scope, ZITADEL falls back to the username as the only audience.
  const aud = detailPage.tokenPanel.getByRole("table", { name: "Access token claims" }).getByRole("row", { name: /^aud/ });
  await expect(aud).toContainText(clientId);
  await expect(aud).not.toContainText("100000000000000001");

  const credential = await (await page.request.get(`/api/credentials/${id}`)).json();
  expect(credential.scopes).toContain("urn:zitadel:iam:org:project:id:zitadel:aud");
});
