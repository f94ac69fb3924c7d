import { ACME_ORG } from "../diagnostics/demo-credentials";
import { demoPats, keyFileText, registerKind } from "../diagnostics/demo-kinds";
import { expect, test } from "../fixtures";
import { uniqueSuffix } from "../pages/credentials-page";

// The other two kinds beside the client secret: an application's key file refused with the reason, and acme-reporter's
// personal access tokens, valid and expired. (acme-key-bot's key file: e2e/diagnostics/jwt-profile.spec.ts.)

test("an API application's key file is refused beside the file, with what to download instead", async ({
  page,
  credentialsPage,
  emulatorIssuer,
}) => {
  await credentialsPage.gotoNew();
  await credentialsPage.chooseKind("Key file");
  await credentialsPage.pasteKeyFile(keyFileText("demo-api"));
  const preview = page.getByTestId("key-file-preview");
  await expect(preview).toContainText("API application key");
  await expect(preview).toContainText("demo-api");
  await credentialsPage.fill({ label: `Demo API key ${uniqueSuffix()}`, issuer: emulatorIssuer });
  await credentialsPage.submitNew();
  const refusal = preview.getByTestId("key-file-error");
  await expect(refusal).toContainText("API application's key");
  await expect(refusal).toContainText("Users → Service Users");
  await expect(page, "nothing was registered").toHaveURL(/\/credentials\/new$/);
  expect(await page.content()).not.toContain("PRIVATE KEY");
});

test("a personal access token registered through the form: its hint, no exchange, and the org it finds", async ({
  page,
  credentialsPage,
  detailPage,
  emulatorIssuer,
}) => {
  const { valid } = demoPats();
  const label = `Reporter PAT ${uniqueSuffix()}`;
  await credentialsPage.gotoNew();
  await credentialsPage.chooseKind("Personal access token");
  await expect(credentialsPage.field("clientId"), "a PAT has no client ID").toHaveCount(0);
  await expect(credentialsPage.field("scopes"), "a PAT asks for no token").toHaveCount(0);
  await credentialsPage.fill({ label, issuer: emulatorIssuer });
  await page.getByLabel("Personal access token", { exact: true }).fill(valid);
  await credentialsPage.submitNew();
  await credentialsPage.expectDetail(label);

  const facts = page.getByRole("region", { name: "Credential" });
  await expect(facts).toContainText("Personal access token");
  await expect(credentialsPage.secretHint()).toContainText(valid.slice(-4));
  await expect(page.getByRole("button", { name: "Replace token" })).toBeEnabled();
  await expect(detailPage.tokenPanel.getByTestId("token-how")).toContainText("there is no exchange");
  await expect(detailPage.orgName()).toHaveText(ACME_ORG.name);

  const response = await detailPage.testToken();
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ outcome: "ok" });
  await expect(detailPage.tokenPanel.getByTestId("token-result")).toContainText("no exchange");
  expect(await page.content(), "the page never shows the token").not.toContain(valid);
});

test("an expired personal access token: the organization lookup says the token is no longer valid", async ({
  page,
  api,
  credentialsPage,
  detailPage,
  emulatorIssuer,
}) => {
  const { expired } = demoPats();
  const id = await registerKind(api, { kind: "pat", label: `Expired PAT ${uniqueSuffix()}`, issuer: emulatorIssuer, token: expired });
  await detailPage.goto(id);
  const diagnosis = detailPage.orgDiagnosis();
  await expect(diagnosis).toBeVisible({ timeout: 30_000 });
  await expect(diagnosis).toContainText(/expired|no longer valid|not valid/i);
  await expect(diagnosis).toContainText("401");

  await credentialsPage.gotoList();
  const row = page.getByTestId("credential-row").filter({ hasText: "Expired PAT" }).first();
  await expect(row.getByTestId("credential-kind")).toHaveText("PAT");
});
