import { expect, test } from "../fixtures";
import { CredentialsPage, uniqueSuffix } from "../pages/credentials-page";

// The registry end to end: register (after the form explains what is wrong) → list → edit → replace secret → delete.

test("register, find, edit, replace the secret and delete a credential", async ({ page, emulatorIssuer }) => {
  const credentials = new CredentialsPage(page);
  const suffix = uniqueSuffix();
  const clientId = `billing-sa-${suffix}`;
  const label = `Billing sync ${suffix}`;

  await credentials.gotoNew();
  await credentials.fill({ clientId, issuer: "acme.zitadel.cloud" });
  await credentials.submitNew();
  await expect(page.getByText("Enter a label.")).toBeVisible();
  await expect(page.getByText("Enter a full URL such as https://acme.zitadel.cloud.")).toBeVisible();
  await expect(page.getByText("Enter the client secret.")).toBeVisible();
  await expect(credentials.field("label")).toHaveAttribute("aria-invalid", "true");
  await expect(credentials.field("label")).toBeFocused();
  await expect(page).toHaveURL(/\/credentials\/new$/);

  await credentials.fill({ label, issuer: `${emulatorIssuer}/`, clientSecret: `first-secret-${suffix}-ab12` });
  await expect(page.getByText("Enter a label.")).toBeHidden();
  await credentials.submitNew();
  await credentials.expectDetail(label);
  await expect(page.getByText("Credential registered.")).toBeVisible();
  await expect(credentials.secretHint()).toContainText("••••ab12");
  await expect(page.getByTestId("credential-client-id")).toHaveText(clientId);
  await expect(page.getByText(emulatorIssuer, { exact: true })).toBeVisible();

  await credentials.gotoList();
  await credentials.search(clientId);
  await expect(credentials.row(clientId)).toHaveCount(1);
  await expect(credentials.row(clientId)).toContainText(label);
  await expect(credentials.row(clientId)).toContainText(new URL(emulatorIssuer).host);
  await credentials.row(clientId).getByRole("link", { name: label }).click();
  await credentials.expectDetail(label);

  const renamed = `${label} (prod)`;
  await credentials.openEdit();
  await expect(credentials.field("label")).toHaveValue(label);
  await expect(page.getByLabel("Client secret")).toHaveCount(0);
  await credentials.fill({ label: renamed, tags: "prod, billing" });
  await credentials.saveChanges();
  await credentials.expectDetail(renamed);
  await expect(page.getByText("Changes saved.")).toBeVisible();
  await expect(page.getByRole("list", { name: "Tags" })).toContainText("billing");

  await credentials.replaceSecret(`second-secret-${suffix}-cd34`);
  await expect(page.getByText("Secret replaced.")).toBeVisible();
  await expect(credentials.secretHint()).toContainText("••••cd34");

  const dialog = await credentials.openDelete(renamed);
  await expect(dialog).toContainText(clientId);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await credentials.expectDetail(renamed);

  await (await credentials.openDelete(renamed)).getByRole("button", { name: "Delete credential" }).click();
  await expect(page).toHaveURL(/\/credentials(\?|$)/);
  await expect(page.getByText(`Deleted “${renamed}”.`)).toBeVisible();
  // Either other credentials are listed or the empty state shows; this one is gone either way.
  await expect(page.getByText("No credentials yet").or(page.getByTestId("credential-row").first())).toBeVisible();
  await expect(credentials.row(clientId)).toHaveCount(0);

  await page.goto("/audit");
  const rows = page.getByTestId("audit-row").filter({ hasText: clientId });
  await expect(rows.filter({ hasText: "credential.delete" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "credential.secret.replace" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "credential.create" })).toHaveCount(1);
});

test("an edit against a version someone else changed gets 409 and keeps what was typed", async ({ page, emulatorIssuer }) => {
  const credentials = new CredentialsPage(page);
  const suffix = uniqueSuffix();
  const id = await credentials.register({ label: `Race ${suffix}`, issuer: emulatorIssuer, clientId: `race-sa-${suffix}`, clientSecret: `race-secret-${suffix}` });

  await credentials.openEdit();
  await credentials.fill({ label: `Mine ${suffix}` });
  const current = await (await page.request.get(`/api/credentials/${id}`)).json();
  const theirs = await page.request.patch(`/api/credentials/${id}`, {
    data: { label: `Theirs ${suffix}`, version: current.version },
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(theirs.status()).toBe(200);

  await credentials.saveChanges();
  await expect(page.getByText("Someone else changed this credential. Reload to see their version.")).toBeVisible();
  await expect(credentials.field("label")).toHaveValue(`Mine ${suffix}`);
  await page.getByRole("button", { name: "Reload" }).click();
  await expect(credentials.field("label")).toHaveValue(`Theirs ${suffix}`);
});

test("a duplicate client ID at the same issuer is refused at the client ID field", async ({ page, emulatorIssuer }) => {
  const credentials = new CredentialsPage(page);
  const suffix = uniqueSuffix();
  const fields = { label: `Dup ${suffix}`, issuer: emulatorIssuer, clientId: `dup-sa-${suffix}`, clientSecret: `dup-secret-${suffix}` };
  await credentials.register(fields);
  await credentials.gotoNew();
  await credentials.fill({ ...fields, label: `Dup again ${suffix}` });
  await credentials.submitNew();
  await expect(page.getByText(`dup-sa-${suffix} at ${new URL(emulatorIssuer).host} is already registered.`).first()).toBeVisible();
  await expect(credentials.field("clientId")).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/credentials\/new$/);
});

test("import ZITADEL's Generate Client Secret dialog by pasting it", async ({ page, emulatorIssuer }) => {
  const credentials = new CredentialsPage(page);
  const suffix = uniqueSuffix();
  const clientId = `import-sa-${suffix}`;
  await credentials.gotoImport();
  await page.getByLabel("ZITADEL's dialog text").fill(`ClientId: ${clientId}`);
  await page.getByRole("button", { name: "Import credential" }).click();
  await expect(page.getByText("Enter a label.")).toBeVisible();
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
  await credentials.importPaste({ label: `Imported ${suffix}`, issuer: emulatorIssuer, text: dialogText });
  await expect(credentials.importResults()).toContainText("1 credential registered.");
  await expect(page.getByLabel("ZITADEL's dialog text")).toHaveValue("");
  await credentials.importResults().getByRole("link", { name: "Open it" }).click();
  await credentials.expectDetail(`Imported ${suffix}`);
  await expect(page.getByTestId("credential-client-id")).toHaveText(clientId);
  await expect(credentials.secretHint()).toContainText("••••mnop");
});

test("import a CSV: valid rows are created, bad rows are reported by line", async ({ page, emulatorIssuer }) => {
  const credentials = new CredentialsPage(page);
  const suffix = uniqueSuffix();
  const csv = [
    "label,issuer,clientId,clientSecret,scopes,orgId,authMethod,tags",
    `CSV one ${suffix},${emulatorIssuer},csv-one-${suffix},csv-secret-${suffix}-1,,,post,csv;e2e`,
    `CSV two ${suffix},${emulatorIssuer},csv-two-${suffix},,,,,`,
  ].join("\n");
  await credentials.gotoImport();
  await credentials.importCsv(`credentials-${suffix}.csv`, csv);
  const results = credentials.importResults();
  await expect(results).toContainText("1 credential registered.");
  await expect(results).toContainText("1 entry was not imported.");
  await expect(results.getByRole("row").filter({ hasText: "Enter the client secret." })).toContainText("3");

  await credentials.gotoList();
  await credentials.search(suffix);
  await expect(credentials.row(`csv-one-${suffix}`)).toHaveCount(1);
  await expect(credentials.row(`csv-two-${suffix}`)).toHaveCount(0);
});
