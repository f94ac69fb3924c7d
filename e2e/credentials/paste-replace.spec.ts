import { zitadelSecretDialog } from "../../lib/schemas/credential-import.fixtures";
import { DEMO_USERS, registerCredential } from "../diagnostics/demo-credentials";
import { expect, test } from "../fixtures";
import { uniqueSuffix } from "../pages/credentials-page";

// A secret regenerated in ZITADEL, pasted for a client ID already registered: the console offers to put it into
// that credential, and after one confirmed click the token test works with it. Also: the label defaults to the
// client ID, and the issuer field offers the issuers already registered.

function dialogText(clientId: string, secret: string): string {
  return zitadelSecretDialog(clientId, secret).join("\n");
}

test("pasting a regenerated secret for a registered client ID replaces that credential's secret, and the token test then works", async ({
  page,
  api,
  credentialsPage,
  detailPage,
  emulatorIssuer,
}) => {
  const { clientId, secret } = DEMO_USERS.noRole;
  // Registered with a secret ZITADEL no longer accepts, as after "Generate Client Secret".
  const id = await registerCredential(api, {
    label: "ACME no role",
    issuer: emulatorIssuer,
    clientId,
    clientSecret: `RotatedAway${uniqueSuffix()}xxxxxxxxxxxx`,
  });

  await credentialsPage.gotoImport();
  await credentialsPage.importPaste({ issuer: emulatorIssuer, text: dialogText(clientId, secret) });
  await expect(credentialsPage.importResults()).toContainText("already registered as ACME no role");
  const offer = page.getByTestId("replace-secret-offer");
  await expect(offer.getByRole("link", { name: "ACME no role" })).toHaveAttribute("href", `/credentials/${id}`);

  await offer.getByRole("button", { name: "Replace the secret of ACME no role" }).click();
  await offer.getByRole("button", { name: "Confirm: replace the secret" }).click();
  await expect(page.getByText("The secret of ACME no role was replaced.")).toBeVisible();
  await expect(page.getByLabel("ZITADEL's dialog text")).toHaveValue("");

  const audit = await api.get(`/api/audit?credentialId=${id}&action=credential.secret.replace&outcome=success&limit=1`);
  expect(((await audit.json()) as { items: unknown[] }).items).toHaveLength(1);

  await detailPage.goto(id);
  await expect(credentialsPage.secretHint()).toContainText(`••••${secret.slice(-4)}`);
  await detailPage.testToken();
  await expect(detailPage.tokenPanel).toContainText("Token issued");
});

test("a pasted dialog without a label is registered under its client ID; the issuer field offers registered issuers", async ({
  page,
  api,
  credentialsPage,
  emulatorIssuer,
}) => {
  const suffix = uniqueSuffix();
  const clientId = `unlabelled-sa-${suffix}`;
  expect(
    (
      await api.post("/api/credentials", {
        data: { label: `Seed ${suffix}`, issuer: emulatorIssuer, clientId: `seed-${suffix}`, clientSecret: `seed-${suffix}` },
      })
    ).status(),
  ).toBe(201);

  await credentialsPage.gotoImport();
  await expect(page.locator(`datalist#paste-issuers option[value="${emulatorIssuer}"]`)).toHaveCount(1);
  await credentialsPage.importPaste({
    issuer: emulatorIssuer,
    text: dialogText(clientId, `pasted${suffix}Xk2LmNoPqRsTuVwXyZ0123456789ab`),
  });
  await expect(credentialsPage.importResults()).toContainText("1 credential registered.");
  await credentialsPage.importResults().getByRole("link", { name: "Open it" }).click();
  await credentialsPage.expectDetail(clientId);

  // The register form does the same.
  const formClientId = `form-sa-${suffix}`;
  await credentialsPage.gotoNew();
  await expect(page.locator(`datalist#credential-issuers option[value="${emulatorIssuer}"]`)).toHaveCount(1);
  await credentialsPage.fill({ issuer: emulatorIssuer, clientId: formClientId, clientSecret: `form-secret-${suffix}` });
  await credentialsPage.submitNew();
  await credentialsPage.expectDetail(formClientId);
});
