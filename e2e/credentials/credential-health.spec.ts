import { DEMO_USERS, registerCredential } from "../diagnostics/demo-credentials";
import { expect, test } from "../fixtures";

// The credential page says what the list says about a credential's health, and follows the page's own checks.
// (The demo users keep the labels the other specs give them: the first to register one names it for the run.)

test("a working credential: after its org lookup the page reads Working, since when and when it was last checked", async ({
  api,
  detailPage,
  emulatorIssuer,
}) => {
  const { clientId, secret } = DEMO_USERS.reporter;
  const id = await registerCredential(api, { label: "ACME reporter", issuer: emulatorIssuer, clientId, clientSecret: secret });
  await detailPage.goto(id);
  await detailPage.expectOrgSettled();

  const summary = detailPage.healthSummary();
  await expect(summary.getByTestId("credential-health")).toHaveText("Working");
  await expect(summary.getByTestId("credential-health-since")).toContainText("since");
  await expect(summary.getByTestId("credential-health-checked")).toContainText("last checked");
  await expect(summary.getByTestId("credential-health-code")).toHaveCount(0);
});

test("acme-no-role: the page reads Org lookup fails with the diagnosis, also after a token test that works", async ({
  api,
  detailPage,
  emulatorIssuer,
}) => {
  const { clientId, secret } = DEMO_USERS.noRole;
  const id = await registerCredential(api, { label: "ACME no role", issuer: emulatorIssuer, clientId, clientSecret: secret });
  await detailPage.goto(id);
  await expect(detailPage.orgDiagnosis()).toBeVisible();

  const summary = detailPage.healthSummary();
  await expect(summary.getByTestId("credential-health")).toHaveText("Org lookup fails");
  await expect(summary.getByTestId("credential-health-title")).toHaveText("No permission");
  await expect(summary.getByTestId("credential-health-code")).toHaveText("missing_permission");

  // The token works, but the org lookup still fails: the credential does not turn Working.
  await detailPage.testToken();
  await expect(detailPage.tokenPanel).toContainText("Token issued");
  await expect(summary.getByTestId("credential-health")).toHaveText("Org lookup fails");
});

test("a credential never tested before: the page's own lookup turns its health from Never tested into Token fails, without a reload", async ({
  api,
  page,
  detailPage,
  emulatorIssuer,
}) => {
  // A client ID ZITADEL does not know, new to this run: the page arrives with no check behind it.
  const clientId = `health-nobody-${Date.now()}`;
  const id = await registerCredential(api, {
    label: "Health nobody",
    issuer: emulatorIssuer,
    clientId,
    clientSecret: "NobodyHealthSecret2026xxxxxxxxx1",
  });
  const served = await (await api.get(`/api/credentials/${id}`)).json();
  expect(served.health.status).toBe("untested");

  await detailPage.goto(id);
  // The page's own lookup answers with the token's failure; the health follows it.
  await expect(detailPage.orgDiagnosis()).toBeVisible();
  const summary = detailPage.healthSummary();
  await expect(summary.getByTestId("credential-health")).toHaveText("Token fails");
  await expect(summary.getByTestId("credential-health-code")).toHaveText("client_not_found");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Health nobody");
});
