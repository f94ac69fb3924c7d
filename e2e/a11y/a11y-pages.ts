import type { APIRequestContext, Page } from "@playwright/test";
import { DEMO_USERS, registerCredential } from "../diagnostics/demo-credentials";
import { demoPats, keyFileText, registerKind } from "../diagnostics/demo-kinds";
import { expect } from "../fixtures";

// What the accessibility specs share: the phone width the newcomer used, and demo credentials in known states.

/** An iPhone 12–15's CSS width: the width at which the list and the title broke. */
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };

/** A label long enough to be cut on a phone if the title does not wrap. */
export const LONG_LABEL = "ACME Corporation reporting service user (production)";

/**
 * A healthy demo service user: its page shows the org, a token panel and the test history. Not acme-reporter: its
 * spec counts the emulator's requests for it, which these pages would disturb from the other worker.
 */
export const HEALTHY = { clientId: DEMO_USERS.jwtBot.clientId, orgName: "ACME Corporation" };

export async function registerHealthy(api: APIRequestContext, issuer: string): Promise<string> {
  return registerCredential(api, { label: "ACME JWT bot", issuer, clientId: HEALTHY.clientId, clientSecret: DEMO_USERS.jwtBot.secret });
}

/** A credential under a long title (its secret is not ZITADEL's: its page shows a diagnosis). */
export async function registerLongTitle(api: APIRequestContext, issuer: string): Promise<string> {
  return registerCredential(api, {
    label: LONG_LABEL,
    issuer,
    clientId: "a11y-long-title",
    clientSecret: "LongTitleSecret2026xxxxxxxxxxxxx",
  });
}

/** The demo service user without a role on its organization: its page shows a diagnosis. */
export async function registerNoRole(api: APIRequestContext, issuer: string): Promise<string> {
  const { clientId, secret } = DEMO_USERS.noRole;
  return registerCredential(api, { label: "ACME no role", issuer, clientId, clientSecret: secret });
}

/** A credential nobody has opened: the list shows "Never tested" and no tags for it. */
export async function registerUntested(api: APIRequestContext, issuer: string): Promise<string> {
  return registerCredential(api, {
    label: "Never tested",
    issuer,
    clientId: "a11y-never-tested",
    clientSecret: "NeverTestedSecret2026xxxxxxxxxxx",
  });
}

/** A key-file credential (the deactivated acme-retired's key): its page shows the key's facts and a diagnosis. */
export async function registerKeyFile(api: APIRequestContext, issuer: string): Promise<string> {
  return registerKind(api, { kind: "jwt_profile", label: "ACME retired key", issuer, keyFile: keyFileText("acme-retired") });
}

/** acme-reporter's valid personal access token: its page shows the token's hint and the org it finds. */
export async function registerPat(api: APIRequestContext, issuer: string): Promise<string> {
  return registerKind(api, { kind: "pat", label: "ACME reporter PAT (a11y)", issuer, token: demoPats().valid });
}

/**
 * Waits until a credential's page has settled: its organization (or a diagnosis) and its test history (rows, or
 * none yet: the page's own lookup is not on record) are shown.
 * The org lookup goes to the emulator and back; on a machine busy with the whole suite that can take a while.
 */
export async function expectDetailSettled(page: Page) {
  const org = page.getByRole("region", { name: "Organization" });
  await expect(org.getByTestId("org-name").or(org.getByTestId("org-diagnosis"))).toBeVisible({ timeout: 30_000 });
  const history = page.getByRole("region", { name: "Test history" });
  await expect(history.getByTestId("history-row").first().or(history.getByText("No tests yet."))).toBeVisible({ timeout: 30_000 });
}

/** An org lookup asked for, as "Look up now" asks: the page's own lookups stay out of the history, this one is in it. */
export async function lookUpOnRecord(api: APIRequestContext, id: string): Promise<string> {
  const response = await api.post(`/api/credentials/${id}/org`, { data: { trigger: "operator" } });
  expect(response.status(), await response.text()).toBe(200);
  return id;
}

/** The provisioning pages: their paths, and what each shows once it has loaded what it asks the API for. */
export const PROVISIONING_PAGES = {
  newServiceUser: "/credentials/new-service-user",
  jobs: "/provisioning",
  settings: "/settings/provisioners",
} as const;

/**
 * Starts a service user's job through the API with ada's own ZITADEL account (a new user, so no demo user changes)
 * and returns its id; its page shows every step.
 */
export async function startServiceUserJob(api: APIRequestContext, userName: string): Promise<string> {
  const started = await api.post("/api/provisioning/service-users", {
    data: { authority: { kind: "operator" }, orgId: "200000000000000001", userName, name: "Accessibility check", role: "ORG_OWNER" },
  });
  expect(started.status(), await started.text()).toBe(202);
  return ((await started.json()) as { id: string }).id;
}
