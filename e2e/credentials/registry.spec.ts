import { expect, test } from "../fixtures";
import { uniqueSuffix } from "../pages/credentials-page";

// The registry end to end: register (after the form explains what is wrong) → list → edit → replace secret → delete.

test("register, find, edit, replace the secret and delete a credential", async ({ page, credentialsPage, emulatorIssuer }) => {
  const suffix = uniqueSuffix();
  const clientId = `billing-sa-${suffix}`;
  const label = `Billing sync ${suffix}`;

  await credentialsPage.gotoNew();
  await credentialsPage.fill({ clientId, issuer: "acme.zitadel.cloud" });
  await credentialsPage.submitNew();
  // The label may stay empty (it becomes the client ID); what is missing or wrong is named at its field.
  await expect(page.getByText("Enter a full URL such as https://acme.zitadel.cloud.")).toBeVisible();
  await expect(page.getByText("Enter the client secret.")).toBeVisible();
  await expect(page.getByText("Enter a label.")).toHaveCount(0);
  await expect(credentialsPage.field("issuer")).toHaveAttribute("aria-invalid", "true");
  await expect(credentialsPage.field("issuer")).toBeFocused();
  await expect(page).toHaveURL(/\/credentials\/new$/);

  await credentialsPage.fill({ label, issuer: `${emulatorIssuer}/`, clientSecret: `first-secret-${suffix}-ab12` });
  await credentialsPage.submitNew();
  await credentialsPage.expectDetail(label);
  await expect(page.getByText("Credential registered.")).toBeVisible();
  await expect(credentialsPage.secretHint()).toContainText("••••ab12");
  await expect(page.getByTestId("credential-client-id")).toHaveText(clientId);
  await expect(page.getByText(emulatorIssuer, { exact: true })).toBeVisible();

  await credentialsPage.gotoList();
  await credentialsPage.search(clientId);
  await expect(credentialsPage.row(clientId)).toHaveCount(1);
  await expect(credentialsPage.row(clientId)).toContainText(label);
  await expect(credentialsPage.row(clientId)).toContainText(new URL(emulatorIssuer).host);
  await credentialsPage.row(clientId).getByRole("link", { name: label }).click();
  await credentialsPage.expectDetail(label);

  const renamed = `${label} (prod)`;
  await credentialsPage.openEdit();
  await expect(credentialsPage.field("label")).toHaveValue(label);
  await expect(page.getByLabel("Client secret")).toHaveCount(0);
  await credentialsPage.fill({ label: renamed, tags: "prod, billing" });
  await credentialsPage.saveChanges();
  await credentialsPage.expectDetail(renamed);
  await expect(page.getByText("Saved: label, tags.")).toBeVisible();
  await expect(page.getByRole("list", { name: "Tags" })).toContainText("billing");

  await credentialsPage.replaceSecret(`second-secret-${suffix}-cd34`);
  await expect(page.getByText("Secret replaced.")).toBeVisible();
  await expect(credentialsPage.secretHint()).toContainText("••••cd34");

  const dialog = await credentialsPage.openDelete(renamed);
  await expect(dialog).toContainText(clientId);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await credentialsPage.expectDetail(renamed);

  await (await credentialsPage.openDelete(renamed)).getByRole("button", { name: "Delete credential" }).click();
  await expect(page).toHaveURL(/\/credentials(\?|$)/);
  await expect(page.getByText(`Deleted “${renamed}”.`)).toBeVisible();
  // Either other credentials are listed or the empty state shows; this one is gone either way.
  await expect(page.getByText("No credentials yet").or(page.getByTestId("credential-row").first())).toBeVisible();
  await expect(credentialsPage.row(clientId)).toHaveCount(0);

  await page.goto("/audit");
  const rows = page.getByTestId("audit-row").filter({ hasText: clientId });
  await expect(rows.filter({ hasText: "credential.delete" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "credential.secret.replace" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "credential.create" })).toHaveCount(1);
});

test("an edit against a version someone else changed gets 409 and keeps what was typed", async ({
  page,
  api,
  credentialsPage,
  emulatorIssuer,
}) => {
  const suffix = uniqueSuffix();
  const id = await credentialsPage.register({
    label: `Race ${suffix}`,
    issuer: emulatorIssuer,
    clientId: `race-sa-${suffix}`,
    clientSecret: `race-secret-${suffix}`,
  });

  await credentialsPage.openEdit();
  await credentialsPage.fill({ label: `Mine ${suffix}` });
  const current = await (await api.get(`/api/credentials/${id}`)).json();
  const theirs = await api.patch(`/api/credentials/${id}`, { data: { label: `Theirs ${suffix}`, version: current.version } });
  expect(theirs.status()).toBe(200);

  await credentialsPage.saveChanges();
  await expect(page.getByText("Someone else changed this credential. Reload to see their version.")).toBeVisible();
  await expect(credentialsPage.field("label")).toHaveValue(`Mine ${suffix}`);
  await page.getByRole("button", { name: "Reload" }).click();
  await expect(credentialsPage.field("label")).toHaveValue(`Theirs ${suffix}`);
});

test("a duplicate client ID at the same issuer is refused at the client ID field", async ({ page, credentialsPage, emulatorIssuer }) => {
  const suffix = uniqueSuffix();
  const fields = { label: `Dup ${suffix}`, issuer: emulatorIssuer, clientId: `dup-sa-${suffix}`, clientSecret: `dup-secret-${suffix}` };
  await credentialsPage.register(fields);
  await credentialsPage.gotoNew();
  await credentialsPage.fill({ ...fields, label: `Dup again ${suffix}` });
  await credentialsPage.submitNew();
  await expect(
    page.getByText(`dup-sa-${suffix} at ${new URL(emulatorIssuer).host} is already registered as Dup ${suffix}.`).first(),
  ).toBeVisible();
  await expect(credentialsPage.field("clientId")).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/credentials\/new$/);
});

test("import ZITADEL's Generate Client Secret dialog by pasting it", async ({ page, credentialsPage, emulatorIssuer }) => {
  const suffix = uniqueSuffix();
  const clientId = `import-sa-${suffix}`;
  await credentialsPage.gotoImport();
  await page.getByLabel("ZITADEL's dialog text").fill(`ClientId: ${clientId}`);
  await page.getByRole("button", { name: "Import credential" }).click();
  await expect(page.getByText("No ClientSecret found. Paste both lines from ZITADEL's dialog.")).toBeVisible();

  const dialogText = [
    "Client Secret",
    "Copy the secret now. You won't be able to retrieve it again.",
    "ClientId",
    clientId,
    "ClientSecret",
    `pasted${suffix}Xk2LmNoPqRsTuVwXyZ0123456789abcdefghijklmnop`,
    "Close",
  ].join("\n");
  await credentialsPage.importPaste({ label: `Imported ${suffix}`, issuer: emulatorIssuer, text: dialogText });
  await expect(credentialsPage.importResults()).toContainText("1 credential registered.");
  await expect(page.getByLabel("ZITADEL's dialog text")).toHaveValue("");
  await credentialsPage.importResults().getByRole("link", { name: "Open it" }).click();
  await credentialsPage.expectDetail(`Imported ${suffix}`);
  await expect(page.getByTestId("credential-client-id")).toHaveText(clientId);
  await expect(credentialsPage.secretHint()).toContainText("••••mnop");
});

test("import a CSV: valid rows are created, bad rows are reported by line", async ({ credentialsPage, emulatorIssuer }) => {
  const suffix = uniqueSuffix();
  const csv = [
    "label,issuer,clientId,clientSecret,scopes,orgId,authMethod,tags",
    `CSV one ${suffix},${emulatorIssuer},csv-one-${suffix},csv-secret-${suffix}-1,,,post,csv;e2e`,
    `CSV two ${suffix},${emulatorIssuer},csv-two-${suffix},,,,,`,
  ].join("\n");
  await credentialsPage.gotoImport();
  await credentialsPage.importCsv(`credentials-${suffix}.csv`, csv);
  const results = credentialsPage.importResults();
  await expect(results).toContainText("1 credential registered.");
  await expect(results).toContainText("1 entry was not imported.");
  await expect(results.getByRole("row").filter({ hasText: "Enter the client secret." })).toContainText("3");

  await credentialsPage.gotoList();
  await credentialsPage.search(suffix);
  await expect(credentialsPage.row(`csv-one-${suffix}`)).toHaveCount(1);
  await expect(credentialsPage.row(`csv-two-${suffix}`)).toHaveCount(0);
});
