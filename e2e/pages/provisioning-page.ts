import { expect, type Locator, type Page } from "@playwright/test";

// Creating a service user from the console and following its job, as an admin does it.

export const ACME_ORG_ID = "200000000000000001";

export interface NewServiceUser {
  userName: string;
  name: string;
  /** "operator", or "provisioner:<credential id>": the values of the authority select. */
  authority?: string;
  orgId?: string;
  /** A manager role's value (ORG_OWNER …), or "" for no role. Org Owner when left out. */
  role?: string;
  label?: string;
}

export class ProvisioningPage {
  constructor(readonly page: Page) {}

  async gotoNew() {
    await this.page.goto("/credentials/new-service-user");
    await expect(this.page.getByRole("heading", { name: "New service user", level: 1 })).toBeVisible();
  }

  authoritySelect(scope: Locator | Page = this.page): Locator {
    return scope.getByTestId("authority-select");
  }

  /** Fills the form and submits it; returns the job's id once its page is open. */
  async create(user: NewServiceUser): Promise<string> {
    await this.authoritySelect().selectOption(user.authority ?? "operator");
    const org = this.page.getByLabel("Organization", { exact: true });
    // The orgs come from ZITADEL through the console, for the chosen authority.
    await expect(org.locator(`option[value="${user.orgId ?? ACME_ORG_ID}"]`)).toHaveCount(1, { timeout: 20_000 });
    await org.selectOption(user.orgId ?? ACME_ORG_ID);
    await this.page.getByLabel("Username", { exact: true }).fill(user.userName);
    await this.page.getByLabel("Display name", { exact: true }).fill(user.name);
    if (user.role !== undefined) await this.page.getByLabel("Manager role", { exact: true }).selectOption(user.role);
    if (user.label !== undefined) await this.page.getByLabel(/^Label/).fill(user.label);
    await this.page.getByRole("button", { name: "Create service user" }).click();
    await expect(this.page).toHaveURL(/\/provisioning\/[\w-]+$/);
    return /\/provisioning\/([\w-]+)$/.exec(this.page.url())![1]!;
  }

  job(): Locator {
    return this.page.getByTestId("provisioning-job");
  }

  /** Waits until the job is no longer running; a new secret takes ZITADEL a moment, so allow for its retries. */
  async expectJobEnded(state: "done" | "failed") {
    await expect(this.job()).toHaveAttribute("data-state", state, { timeout: 45_000 });
  }

  step(name: string): Locator {
    return this.page.locator(`[data-testid="step"][data-step="${name}"]`);
  }

  summary(): Locator {
    return this.page.getByTestId("job-summary");
  }

  resumePanel(): Locator {
    return this.page.getByTestId("resume-panel");
  }

  /** From a finished job to its credential's page; returns the credential's id. */
  async openCredential(): Promise<string> {
    await this.page.getByRole("link", { name: "Open the credential" }).click();
    await expect(this.page).toHaveURL(/\/credentials\/[0-9a-f-]{36}$/);
    return /\/credentials\/([0-9a-f-]{36})$/.exec(this.page.url())![1]!;
  }
}
