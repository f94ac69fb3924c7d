import { expect, type Locator, type Page } from "@playwright/test";

// The credential registry as an operator sees it: list, form, detail, dialogs and import.

export interface CredentialFields {
  label?: string;
  issuer?: string;
  clientId?: string;
  clientSecret?: string;
  scopes?: string;
  orgId?: string;
  tags?: string;
}

const FIELD_LABELS: Record<keyof CredentialFields, string | RegExp> = {
  label: /^Label/, // "Label (optional)" when registering: it defaults to the client ID
  issuer: "Issuer",
  clientId: "Client ID",
  clientSecret: "Client secret",
  scopes: "Scopes",
  orgId: /^Organization ID/,
  tags: /^Tags/,
};

/** A value unique to this run, so reruns against a kept database never collide. */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

export class CredentialsPage {
  constructor(readonly page: Page) {}

  async gotoList() {
    await this.page.goto("/credentials");
    await expect(this.page.getByRole("heading", { name: "Credentials", level: 1 })).toBeVisible();
  }

  async gotoNew() {
    await this.page.goto("/credentials/new");
    await expect(this.page.getByRole("heading", { name: "Register a credential" })).toBeVisible();
    await this.waitForPrefilledIssuer();
  }

  /**
   * The e2e server has a default issuer, which the form writes into its empty issuer field once it is known. A fill
   * that selected the field's text just before would then type after it: wait for the default first.
   */
  async waitForPrefilledIssuer() {
    await expect(this.page.getByLabel("Issuer", { exact: true })).not.toHaveValue("");
  }

  field(name: keyof CredentialFields): Locator {
    return this.page.getByLabel(FIELD_LABELS[name], { exact: typeof FIELD_LABELS[name] === "string" });
  }

  async fill(fields: CredentialFields) {
    for (const [name, value] of Object.entries(fields) as [keyof CredentialFields, string | undefined][]) {
      if (value !== undefined) await this.field(name).fill(value);
    }
  }

  /** Picks how the new credential signs in: "Client secret", "Key file" or "Personal access token". */
  async chooseKind(kind: "Client secret" | "Key file" | "Personal access token") {
    await this.page.getByRole("radio", { name: new RegExp(`^${kind}`) }).check();
  }

  /** Picks a key file from disk, as the file input does; the form then shows what the file says. */
  async pickKeyFile(file: { name: string; mimeType: string; buffer: Buffer }) {
    await this.page.getByLabel("Key file", { exact: true }).setInputFiles(file);
    await expect(this.page.getByTestId("key-file-preview")).toBeVisible();
  }

  async pasteKeyFile(text: string) {
    await this.page.getByLabel(/^Or paste the key file's JSON/).fill(text);
  }

  async submitNew() {
    await this.page.getByRole("button", { name: "Register credential" }).click();
  }

  async saveChanges() {
    await this.page.getByRole("button", { name: "Save changes" }).click();
  }

  /** Registers through the form and waits for the detail page. Returns the new credential's id. */
  async register(
    fields: Required<Pick<CredentialFields, "label" | "issuer" | "clientId" | "clientSecret">> & CredentialFields,
  ): Promise<string> {
    await this.gotoNew();
    await this.fill(fields);
    await this.submitNew();
    await this.expectDetail(fields.label);
    const id = /\/credentials\/([0-9a-f-]{36})/.exec(this.page.url())?.[1];
    expect(id, "the detail page URL names the credential").toBeTruthy();
    return id!;
  }

  async expectDetail(label: string) {
    await expect(this.page).toHaveURL(/\/credentials\/[0-9a-f-]{36}/);
    await expect(this.page.getByRole("heading", { name: label, level: 1 })).toBeVisible();
  }

  secretHint(): Locator {
    return this.page.getByTestId("credential-secret-hint");
  }

  /** Types a search and waits until the list has taken it (it is in the URL): a click before that races the list. */
  async search(text: string) {
    await this.page.getByLabel("Search credentials").fill(text);
    // The list applies a search after a short pause and writes it to the URL; a click made before that is overtaken
    // by the URL update, so wait for it.
    await expect(this.page).toHaveURL((url) => url.searchParams.get("search") === text.trim());
  }

  row(text: string): Locator {
    return this.page.getByTestId("credential-row").filter({ hasText: text });
  }

  /** The row of one credential, whatever else shares its label or user (a service user may hold several keys). */
  rowOf(id: string): Locator {
    return this.page.getByTestId("credential-row").filter({ has: this.page.locator(`a[href="/credentials/${id}"]`) });
  }

  async openEdit() {
    await this.page.getByRole("link", { name: "Edit", exact: true }).click();
    await expect(this.page.getByRole("heading", { name: "Edit credential" })).toBeVisible();
  }

  async replaceSecret(secret: string) {
    await this.page.getByRole("button", { name: "Replace secret" }).click();
    const dialog = this.page.getByRole("dialog", { name: "Replace secret" });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel("New client secret").fill(secret);
    await dialog.getByRole("button", { name: "Replace secret" }).click();
    await expect(dialog).toBeHidden();
  }

  /** "Replace key" with a pasted key file, or "Replace token" with a typed one. */
  async replaceMaterial(kind: "key" | "token", value: string) {
    const title = kind === "key" ? "Replace key" : "Replace token";
    await this.page.getByRole("button", { name: title }).click();
    const dialog = this.page.getByRole("dialog", { name: title });
    await expect(dialog).toBeVisible();
    if (kind === "key") await dialog.getByLabel(/^Or paste the key file's JSON/).fill(value);
    else await dialog.getByLabel("New personal access token").fill(value);
    await dialog.getByRole("button", { name: title }).click();
    await expect(dialog).toBeHidden();
  }

  deleteDialog(label: string): Locator {
    return this.page.getByRole("alertdialog", { name: `Delete “${label}”?` });
  }

  async openDelete(label: string): Promise<Locator> {
    await this.page.getByRole("button", { name: "Delete", exact: true }).click();
    const dialog = this.deleteDialog(label);
    await expect(dialog).toBeVisible();
    return dialog;
  }

  async gotoImport() {
    await this.page.goto("/credentials/import");
    await expect(this.page.getByRole("heading", { name: "Import credentials" })).toBeVisible();
    await this.waitForPrefilledIssuer();
  }

  async importPaste(fields: { label?: string; issuer: string; text: string }) {
    await this.page.getByRole("tab", { name: "Paste from ZITADEL" }).click();
    if (fields.label !== undefined) await this.page.getByLabel(/^Label/).fill(fields.label);
    await this.page.getByLabel("Issuer", { exact: true }).fill(fields.issuer);
    await this.page.getByLabel("ZITADEL's dialog text").fill(fields.text);
    await this.page.getByRole("button", { name: "Import credential" }).click();
  }

  /** Pastes text into the paste tab (issuer as the form has it unless given) and imports whatever it holds. */
  async importPastedText(text: string, fields: { issuer?: string } = {}) {
    await this.page.getByRole("tab", { name: "Paste from ZITADEL" }).click();
    if (fields.issuer !== undefined) await this.page.getByLabel("Issuer", { exact: true }).fill(fields.issuer);
    await this.page.getByLabel("ZITADEL's dialog text").fill(text);
    await this.page.getByRole("button", { name: /^Import (\d+ )?credentials?$/ }).click();
  }

  async importCsv(name: string, csv: string) {
    await this.page.getByRole("tab", { name: "Upload CSV" }).click();
    await this.page.getByLabel("CSV file").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(csv) });
    await this.page.getByRole("button", { name: /^Import \d+ credentials?$/ }).click();
  }

  importResults(): Locator {
    return this.page.getByTestId("import-results");
  }
}
