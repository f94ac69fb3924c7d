import { expect, type Locator, type Page, type Response } from "@playwright/test";

// A credential's detail page as support uses it: test the token, read the organization, reveal, history.

export class CredentialDetailPage {
  readonly tokenPanel: Locator;
  readonly orgPanel: Locator;

  constructor(readonly page: Page) {
    this.tokenPanel = page.getByRole("region", { name: "Access token" });
    this.orgPanel = page.getByRole("region", { name: "Organization" });
  }

  async goto(id: string) {
    await this.page.goto(`/credentials/${id}`);
    await expect(this.tokenPanel.getByRole("button", { name: "Test token" })).toBeVisible();
  }

  /** Clicks "Test token" and waits for the console's answer. */
  async testToken(): Promise<Response> {
    return this.clickAndWait(this.tokenPanel.getByRole("button", { name: "Test token" }), "POST", /\/token$/);
  }

  /** Focuses "Test token" and presses Enter, as a keyboard user would. */
  async testTokenWithKeyboard(): Promise<Response> {
    const button = this.tokenPanel.getByRole("button", { name: "Test token" });
    await button.focus();
    const [response] = await Promise.all([
      this.page.waitForResponse(
        (candidate) => candidate.request().method() === "POST" && /\/token$/.test(new URL(candidate.url()).pathname),
      ),
      this.page.keyboard.press("Enter"),
    ]);
    return response;
  }

  async refreshOrg(): Promise<Response> {
    return this.clickAndWait(this.orgPanel.getByRole("button", { name: "Look up now" }), "POST", /\/org$/);
  }

  /** Waits for the org lookup the page makes on its own (on load, focus or interval). */
  async expectOrgSettled() {
    await expect(this.orgPanel.getByTestId("org-name").or(this.orgDiagnosis())).toBeVisible();
  }

  /** The health line under the title: the list's status badge, the failure, since when, last checked. */
  healthSummary(): Locator {
    return this.page.getByTestId("credential-health-summary");
  }

  orgName(): Locator {
    return this.orgPanel.getByTestId("org-name");
  }

  orgTokenSource(): Locator {
    return this.orgPanel.getByTestId("org-token-source");
  }

  /** The token the console holds, shown before any test on this page. */
  heldToken(): Locator {
    return this.tokenPanel.getByTestId("held-token");
  }

  /** "obtained by the organization lookup 2 m ago", "obtained by your token test 3 s ago". */
  tokenSource(): Locator {
    return this.tokenPanel.getByTestId("token-source");
  }

  /** The success banner above the credential's facts. */
  banner(): Locator {
    return this.page.getByRole("status").filter({ hasText: /Saved|registered|replaced/ });
  }

  tokenDiagnosis(): Locator {
    return this.tokenPanel.getByTestId("token-diagnosis");
  }

  orgDiagnosis(): Locator {
    return this.orgPanel.getByTestId("org-diagnosis");
  }

  tokenKind(): Locator {
    return this.tokenPanel.getByTestId("token-kind");
  }

  freshness(): Locator {
    return this.tokenPanel.getByTestId("token-freshness");
  }

  countdown(): Locator {
    return this.tokenPanel.getByTestId("token-countdown");
  }

  async secondsLeft(): Promise<number> {
    const value = await this.countdown().getAttribute("data-seconds-left");
    expect(value, "the countdown has started").not.toBeNull();
    return Number(value);
  }

  async revealToken(): Promise<string> {
    await this.clickAndWait(this.tokenPanel.getByRole("button", { name: "Reveal token" }), "POST", /\/token\/reveal$/);
    const box = this.tokenPanel.getByTestId("revealed-token");
    await expect(box).toBeVisible();
    return (await box.textContent()) ?? "";
  }

  async hideToken() {
    await this.tokenPanel.getByRole("button", { name: "Hide" }).click();
    await expect(this.tokenPanel.getByTestId("revealed-token")).toHaveCount(0);
  }

  /** Clicks "Introspect" in the token panel and waits for the console's answer. */
  async introspect(): Promise<Response> {
    return this.clickAndWait(this.tokenPanel.getByRole("button", { name: "Introspect" }), "POST", /\/introspect$/);
  }

  introspection(): Locator {
    return this.tokenPanel.getByTestId("introspection");
  }

  historyRows(): Locator {
    return this.page.getByRole("region", { name: "Test history" }).getByTestId("history-row");
  }

  exchangeToggle(): Locator {
    return this.page.getByTestId("exchange-panel").locator("summary");
  }

  async openExchange() {
    await this.exchangeToggle().click();
  }

  /** "Fix it for me" under a diagnosis: opens it, sets what is asked, runs it and waits for the console's answer. */
  async fixItForMe(diagnosis: Locator, options: { role?: string; authority?: string } = {}): Promise<Response> {
    const fix = diagnosis.getByTestId("fix-it");
    await fix.getByRole("button", { name: "Fix it for me" }).click();
    await fix.getByTestId("authority-select").selectOption(options.authority ?? "operator");
    if (options.role) await fix.getByLabel("Manager role").selectOption(options.role);
    const start = fix.getByRole("button", { name: /^(Grant the role|Rotate the secret|Reactivate the user)$/ });
    const needsConfirm = !(await start.textContent())?.startsWith("Grant");
    if (!needsConfirm) return this.clickAndWait(start, "POST", /\/actions$/);
    await start.click();
    return this.clickAndWait(fix.getByRole("button", { name: /^Confirm:/ }), "POST", /\/actions$/);
  }

  /** "Rotate secret in ZITADEL" in the header, confirmed in its dialog with the given authority. */
  async rotateInZitadel(authority = "operator"): Promise<Response> {
    await this.page.getByRole("button", { name: "Rotate secret in ZITADEL" }).click();
    const dialog = this.page.getByRole("alertdialog", { name: "Rotate the secret in ZITADEL" });
    await expect(dialog).toContainText("The old secret stops working at once");
    await dialog.getByTestId("authority-select").selectOption(authority);
    const response = await this.clickAndWait(dialog.getByRole("button", { name: "Rotate secret" }), "POST", /\/actions$/);
    await expect(dialog).toBeHidden();
    return response;
  }

  /** The last action's answer, with its steps. */
  actionResult(): Locator {
    return this.page.getByTestId("action-result");
  }

  private async clickAndWait(button: Locator, method: string, path: RegExp): Promise<Response> {
    const [response] = await Promise.all([
      this.page.waitForResponse((candidate) => candidate.request().method() === method && path.test(new URL(candidate.url()).pathname)),
      button.click(),
    ]);
    return response;
  }
}
