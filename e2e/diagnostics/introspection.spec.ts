import { expect, test } from "../fixtures";
import { INTROSPECTOR, demoPats, ensureIntrospectionClient, keyFile, keyFileUpload, registerKind } from "./demo-kinds";
import { uniqueSuffix } from "../pages/credentials-page";

// Introspection through the console: an admin sets up an API application per issuer on /settings/introspection, and an
// operator's Introspect asks ZITADEL whether an opaque token or a PAT is active. The admin page's adds and deletes use
// the issuer spelled http://127.0.0.1:<port>, which no other spec configures; the answers use the real issuer.
// (Tokens requested with and without the API project's audience: e2e/diagnostics/jwt-profile.spec.ts.)

test.describe.configure({ mode: "serial" });

function otherSpelling(issuer: string): string {
  return issuer.replace("localhost", "127.0.0.1");
}

test("without an introspection client for the issuer, Introspect says so; an admin is linked to the page, an operator is not", async ({
  page,
  api,
  pageAs,
  detailPage,
  emulatorIssuer,
}) => {
  const issuer = otherSpelling(emulatorIssuer);
  const id = await registerKind(api, { kind: "pat", label: `Unconfigured PAT ${uniqueSuffix()}`, issuer, token: demoPats().valid });
  await detailPage.goto(id);
  const response = await detailPage.introspect();
  expect(await response.json()).toEqual({ configured: false });
  const hint = detailPage.introspection().getByTestId("introspection-not-configured");
  await expect(hint).toContainText("No introspection client is set up for this issuer");

  const operatorPage = await pageAs("operator");
  await operatorPage.goto(`/credentials/${id}`);
  const operatorPanel = operatorPage.getByRole("region", { name: "Access token" });
  await operatorPanel.getByRole("button", { name: "Introspect" }).click();
  await expect(operatorPanel.getByTestId("introspection-not-configured")).toContainText("An admin can add one");
  await expect(operatorPanel.getByRole("link", { name: "Add an introspection client" })).toHaveCount(0);

  await hint.getByRole("link", { name: "Add an introspection client" }).click();
  await expect(page.getByRole("heading", { name: "Introspection clients", level: 1 })).toBeVisible();
});

test("an admin adds an application's key file after a service user's key is refused, then deletes it, confirmed", async ({
  page,
  emulatorIssuer,
}) => {
  const issuer = otherSpelling(emulatorIssuer);
  const app = keyFile("demo-api");
  await page.goto("/settings/introspection");
  await page.getByLabel("Issuer", { exact: true }).fill(issuer);
  await page.getByRole("radio", { name: /^Application key file/ }).check();
  await page.getByLabel("Key file", { exact: true }).setInputFiles(keyFileUpload("acme-retired"));
  await expect(page.getByTestId("key-file-preview")).toContainText("Not the kind of key this form needs");
  await page.getByRole("button", { name: "Add introspection client" }).click();
  await expect(page.getByTestId("key-file-error")).toContainText("Service users cannot introspect");

  await page.getByRole("button", { name: "Choose another key file" }).click();
  await page.getByLabel("Key file", { exact: true }).setInputFiles(keyFileUpload("demo-api"));
  await expect(page.getByTestId("key-file-preview")).toContainText("API application key");
  await page.getByRole("button", { name: "Add introspection client" }).click();
  const card = page.getByTestId("introspection-client").filter({ hasText: issuer });
  await expect(card).toContainText("Key file (private_key_jwt)");
  await expect(card).toContainText(app.keyId);
  await expect(card).toContainText(INTROSPECTOR.clientId);
  expect(await page.content(), "the page never shows the application's private key").not.toContain("PRIVATE KEY");

  await card.getByRole("button", { name: /^Delete/ }).click();
  const dialog = page.getByRole("alertdialog", { name: "Delete this introspection client?" });
  await expect(dialog).toContainText("127.0.0.1");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(card).toHaveCount(1);
  await card.getByRole("button", { name: /^Delete/ }).click();
  await dialog.getByRole("button", { name: "Delete introspection client" }).click();
  await expect(dialog).toBeHidden();
  await expect(card).toHaveCount(0);

  // The other method, and the one-per-issuer rule: a second add for the same issuer is refused.
  await page.getByLabel("Issuer", { exact: true }).fill(issuer);
  await page.getByLabel("Client ID", { exact: true }).fill(INTROSPECTOR.clientId);
  await page.getByLabel("Client secret", { exact: true }).fill(INTROSPECTOR.secret);
  await page.getByRole("button", { name: "Add introspection client" }).click();
  await expect(card).toContainText("Client secret (Basic)");
  await page.getByLabel("Issuer", { exact: true }).fill(issuer);
  await page.getByLabel("Client ID", { exact: true }).fill(INTROSPECTOR.clientId);
  await page.getByLabel("Client secret", { exact: true }).fill(INTROSPECTOR.secret);
  await page.getByRole("button", { name: "Add introspection client" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "already has an introspection client" })).toBeVisible();
  await expect(card).toHaveCount(1);
  await card.getByRole("button", { name: /^Delete/ }).click();
  await dialog.getByRole("button", { name: "Delete introspection client" }).click();
  await expect(card).toHaveCount(0);
});

test("acme-reporter's personal access token introspects active for demo-api, with its user and expiry", async ({
  page,
  api,
  detailPage,
  emulatorIssuer,
}) => {
  await ensureIntrospectionClient(page, emulatorIssuer);
  const { valid, userId } = demoPats();
  const id = await registerKind(api, { kind: "pat", label: `Reporter PAT ${uniqueSuffix()}`, issuer: emulatorIssuer, token: valid });
  await detailPage.goto(id);
  await expect(page.getByText("Not known yet: an introspection tells it")).toBeVisible();
  const response = await detailPage.introspect();
  expect(await response.json()).toMatchObject({ configured: true, outcome: "active", claims: { active: true, sub: userId } });
  // What ZITADEL said of the PAT's expiry is kept on the credential, and its page shows it.
  await expect(page.getByTestId("credential-expires-at")).toContainText("2099");
  const section = detailPage.introspection();
  await expect(section.getByTestId("introspection-active")).toHaveText("Active");
  await expect(section).toContainText(userId);
  await expect(section.getByRole("list", { name: "Introspected audience" })).toContainText(INTROSPECTOR.projectId);
  // The answer's exp is the PAT's expiry.
  await expect(section.getByTestId("introspection-expires")).toContainText("2099");
});

test("the expired personal access token introspects not active, with the reason", async ({ page, api, detailPage, emulatorIssuer }) => {
  await ensureIntrospectionClient(page, emulatorIssuer);
  const id = await registerKind(api, {
    kind: "pat",
    label: `Expired PAT ${uniqueSuffix()}`,
    issuer: emulatorIssuer,
    token: demoPats().expired,
  });
  await detailPage.goto(id);
  const response = await detailPage.introspect();
  expect(await response.json()).toMatchObject({ configured: true, outcome: "inactive", claims: { active: false } });
  const section = detailPage.introspection();
  await expect(section.getByTestId("introspection-active")).toHaveText("Not active");
  const diagnosis = section.getByTestId("introspection-diagnosis");
  await expect(diagnosis).toHaveAttribute("data-code", "token_inactive");
  await expect(diagnosis).toContainText(/expired/i);
});
