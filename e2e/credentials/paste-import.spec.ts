import { zitadelSecretDialog } from "../../lib/schemas/credential-import.fixtures";
import { expect, test } from "../fixtures";
import { uniqueSuffix } from "../pages/credentials-page";

// Paste import takes what a newcomer has at hand: several ZITADEL dialogs one below the other, or CSV text, and says
// what became of every pair. The forms start at the emulator's issuer (DEFAULT_ISSUER, set by the demo launcher and
// by e2e alike) and the import keeps the issuer last used.

function dialogText(clientId: string, secret: string): string {
  return zitadelSecretDialog(clientId, secret).join("\n");
}

test("two pasted dialogs register two credentials, each named in the answer, and a half pair is reported", async ({
  page,
  credentialsPage,
  emulatorIssuer,
}) => {
  const suffix = uniqueSuffix();
  const first = `pasted-one-${suffix}`;
  const second = `pasted-two-${suffix}`;
  const half = `pasted-half-${suffix}`;
  await credentialsPage.gotoImport();
  const text = [dialogText(first, `One${suffix}Xk2LmNoPqRsTuVwXyZ012345`), dialogText(second, `Two${suffix}Xk2LmNoPqRsTuVwXyZ012345`)].join(
    "\n\n",
  );
  await page.getByLabel("ZITADEL's dialog text").fill(`${text}\n\nClientId: ${half}`);
  await expect(page.getByText(`Found 3 pairs: ${first}, ${second}, ${half}; 1 incomplete`)).toBeVisible();
  await credentialsPage.importPastedText(`${text}\n\nClientId: ${half}`);

  const results = credentialsPage.importResults();
  await expect(results).toContainText("2 credentials registered.");
  const registered = results.getByRole("list", { name: "Registered credentials" });
  await expect(registered.getByRole("link")).toHaveText([first, second]);
  await expect(results).toContainText("1 entry was not imported.");
  await expect(results.getByRole("row").filter({ hasText: `No ClientSecret found for ${half}` })).toContainText("3");
  // The secrets leave the page; the issuer stays for the next paste.
  await expect(page.getByLabel("ZITADEL's dialog text")).toHaveValue("");
  await expect(page.getByLabel("Issuer", { exact: true })).toHaveValue(emulatorIssuer);

  await registered.getByRole("link", { name: second }).click();
  await credentialsPage.expectDetail(second);
  await expect(page.getByTestId("credential-client-id")).toHaveText(second);
});

test("CSV text pasted imports as a CSV file would, naming each credential", async ({ page, credentialsPage, emulatorIssuer }) => {
  const suffix = uniqueSuffix();
  const csv = [
    "label,issuer,clientId,clientSecret",
    `Pasted CSV one ${suffix},${emulatorIssuer},csv-paste-one-${suffix},csv-paste-secret-${suffix}-1`,
    `Pasted CSV two ${suffix},${emulatorIssuer},csv-paste-two-${suffix},csv-paste-secret-${suffix}-2`,
  ].join("\n");
  await credentialsPage.gotoImport();
  await page.getByLabel("ZITADEL's dialog text").fill(csv);
  await expect(page.getByText("CSV text: 2 rows.")).toBeVisible();
  await credentialsPage.importPastedText(csv);

  const results = credentialsPage.importResults();
  await expect(results).toContainText("2 credentials registered.");
  await expect(results.getByRole("list", { name: "Registered credentials" }).getByRole("link")).toHaveText([
    `Pasted CSV one ${suffix}`,
    `Pasted CSV two ${suffix}`,
  ]);
  await expect(page.getByLabel("ZITADEL's dialog text")).toHaveValue("");
});

test("the forms start at the emulator's issuer, and the import keeps the issuer last used", async ({
  page,
  credentialsPage,
  emulatorIssuer,
}) => {
  const suffix = uniqueSuffix();
  await credentialsPage.gotoNew();
  await expect(page.getByLabel("Issuer", { exact: true })).toHaveValue(emulatorIssuer);

  await credentialsPage.gotoImport();
  const issuerField = page.getByLabel("Issuer", { exact: true });
  await expect(issuerField).toHaveValue(emulatorIssuer);
  // Another spelling of the same emulator (allowed too): the one the operator chose is the one kept.
  const chosen = emulatorIssuer.replace("localhost", "127.0.0.1");
  await credentialsPage.importPastedText(dialogText(`kept-one-${suffix}`, `KeptOne${suffix}Xk2LmNoPqRsTuVwXyZ01`), { issuer: chosen });
  await expect(credentialsPage.importResults()).toContainText("1 credential registered.");
  await expect(issuerField).toHaveValue(chosen);
  await credentialsPage.importPastedText(dialogText(`kept-two-${suffix}`, `KeptTwo${suffix}Xk2LmNoPqRsTuVwXyZ01`));
  await expect(credentialsPage.importResults().getByRole("link", { name: `kept-two-${suffix}` })).toBeVisible();
  await expect(issuerField).toHaveValue(chosen);
});

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("the sign-in page lists the demo logins when the app runs as the demo", async ({ page }) => {
    await page.goto("/login");
    const logins = page.getByRole("region", { name: "Demo logins" });
    await expect(logins.getByRole("row")).toHaveText([
      /Login\s*Password\s*Role/,
      /ada\s*demo-password\s*admin/,
      /oscar\s*demo-password\s*operator/,
      /vera\s*demo-password\s*viewer/,
      /nora\s*demo-password\s*none/,
    ]);
  });
});
