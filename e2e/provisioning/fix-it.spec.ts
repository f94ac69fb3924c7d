import { DEMO_USERS, registerCredential } from "../diagnostics/demo-credentials";
import { expect, test } from "../fixtures";

// "Fix it for me": the console repairs in ZITADEL what a diagnosis names, then checks again — a missing manager role
// is granted, a secret ZITADEL does not accept is replaced by a new one it made.

test("a missing role is granted for the operator: acme-no-role then finds its organization", async ({
  api,
  emulatorIssuer,
  detailPage,
}) => {
  const { clientId, secret } = DEMO_USERS.noRole;
  const id = await registerCredential(api, { label: "ACME no role", issuer: emulatorIssuer, clientId, clientSecret: secret });
  await detailPage.goto(id);
  await expect(detailPage.orgDiagnosis()).toHaveAttribute("data-code", "missing_permission", { timeout: 20_000 });

  const answer = await detailPage.fixItForMe(detailPage.orgDiagnosis(), { role: "ORG_OWNER" });
  expect(answer.status()).toBe(200);
  await expect(detailPage.actionResult()).toHaveAttribute("data-outcome", "fixed");
  await expect(detailPage.actionResult().locator('[data-testid="action-step"][data-step="grant_role"]')).toHaveAttribute(
    "data-state",
    "done",
  );
  await expect(detailPage.orgName()).toHaveText("ACME Corporation", { timeout: 20_000 });
  await expect(detailPage.orgDiagnosis()).toHaveCount(0);
});

test("a wrong secret is replaced by rotating it in ZITADEL: the credential then works", async ({
  api,
  emulatorIssuer,
  detailPage,
  page,
}) => {
  const wrong = "Wr0ngSecretForTheReporter2026xxxxx";
  const id = await registerCredential(api, {
    label: "ACME reporter (wrong secret)",
    issuer: emulatorIssuer,
    clientId: DEMO_USERS.reporter.clientId,
    clientSecret: wrong,
  });
  await detailPage.goto(id);
  await expect(detailPage.orgDiagnosis()).toHaveAttribute("data-code", "invalid_secret", { timeout: 20_000 });

  const answer = await detailPage.fixItForMe(detailPage.orgDiagnosis());
  expect(answer.status()).toBe(200);
  await expect(detailPage.actionResult()).toHaveAttribute("data-outcome", "fixed");
  for (const step of ["find_user", "generate_secret", "store_secret", "test_token"]) {
    await expect(detailPage.actionResult().locator(`[data-testid="action-step"][data-step="${step}"]`)).toHaveAttribute(
      "data-state",
      "done",
    );
  }
  await expect(detailPage.orgName()).toHaveText("ACME Corporation", { timeout: 20_000 });
  await expect(page.getByTestId("credential-secret-hint")).not.toContainText(wrong.slice(-4));
  const tested = await detailPage.testToken();
  expect((await tested.json()).outcome).toBe("ok");
});
