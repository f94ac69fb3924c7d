import type { APIRequestContext } from "@playwright/test";
import { ACME_ORG, DEMO_USERS, registerCredential } from "../diagnostics/demo-credentials";
import { expect, test } from "../fixtures";

// The fleet as support reads the list: which credentials work and which fail, and why; the org each one last
// reached, kept while its lookups fail; search by that org, filter by status or org, and group by org.

// A demo user no other spec uses: its health here is this spec's alone. (Its secret is "not yet visible" for the
// emulator's first 20 s, hence the wait below.)
const FRESH = { clientId: "acme-fresh", secret: "FreshDemoSecretAcme2026xxxxxxx10" };
const NO_SUCH_ORG = "999999999999999999";

async function orgLookup(api: APIRequestContext, id: string): Promise<string> {
  const response = await api.post(`/api/credentials/${id}/org`);
  expect(response.status(), await response.text()).toBe(200);
  return ((await response.json()) as { outcome: string }).outcome;
}

test("failing credentials are not shown as working, keep their last known org, and filter and group by status and org", async ({
  page,
  api,
  credentialsPage,
  emulatorIssuer,
}) => {
  const issuer = emulatorIssuer;
  const { noRole, reporter } = DEMO_USERS;
  const noRoleId = await registerCredential(api, {
    label: "Fleet no role",
    issuer,
    clientId: noRole.clientId,
    clientSecret: noRole.secret,
  });
  const reporterId = await registerCredential(api, {
    label: "Fleet reporter",
    issuer,
    clientId: reporter.clientId,
    clientSecret: reporter.secret,
  });
  const freshId = await registerCredential(api, { label: "Fleet fresh", issuer, clientId: FRESH.clientId, clientSecret: FRESH.secret });

  // acme-no-role gets a token, then orgs/me refuses it.
  const token = await api.post(`/api/credentials/${noRoleId}/token`);
  expect(((await token.json()) as { outcome: string }).outcome).toBe("ok");
  expect(await orgLookup(api, noRoleId)).toBe("failed");
  expect(await orgLookup(api, reporterId)).toBe("ok");
  // acme-fresh reaches ACME once, then is pointed at an org that does not exist: its lookups fail from then on.
  await expect.poll(() => orgLookup(api, freshId), { timeout: 40_000, intervals: [3_000] }).toBe("ok");
  const current = (await (await api.get(`/api/credentials/${freshId}`)).json()) as { version: number };
  const patched = await api.patch(`/api/credentials/${freshId}`, { data: { orgId: NO_SUCH_ORG, version: current.version } });
  expect(patched.ok(), await patched.text()).toBe(true);
  expect(await orgLookup(api, freshId)).toBe("failed");

  await credentialsPage.gotoList();
  await credentialsPage.search(noRole.clientId);
  const noRoleRow = credentialsPage.row(noRole.clientId);
  await expect(noRoleRow.getByTestId("credential-health")).toHaveText("Org lookup fails");
  await expect(noRoleRow.getByTestId("credential-health-code")).toHaveText("missing_permission");
  await expect(noRoleRow).toContainText("none known");

  await credentialsPage.search(FRESH.clientId);
  const freshRow = credentialsPage.row(FRESH.clientId);
  await expect(freshRow.getByTestId("credential-health")).toHaveText("Org lookup fails");
  await expect(freshRow.getByTestId("credential-health-code")).toHaveText("org_not_found");
  await expect(freshRow).toContainText(ACME_ORG.name);
  await expect(freshRow).toContainText(ACME_ORG.id);

  // Searching the org's name finds the credentials that last reached it, the failing one included.
  await credentialsPage.search(ACME_ORG.name);
  await expect(credentialsPage.row(reporter.clientId).getByTestId("credential-health")).toHaveText("Working");
  await expect(credentialsPage.row(FRESH.clientId)).toBeVisible();
  await expect(credentialsPage.row(noRole.clientId)).toHaveCount(0);

  // One click on a status count filters by it; the list then holds only that status.
  await page.getByLabel("Search credentials").fill("");
  await expect(page).toHaveURL((url) => !url.searchParams.has("search"));
  const statuses = page.getByRole("group", { name: "Filter by status" });
  await statuses.getByRole("button", { name: /^Org lookup fails \d+$/ }).click();
  await expect(page).toHaveURL((url) => url.searchParams.get("status") === "org_fails");
  await expect(credentialsPage.row(noRole.clientId)).toBeVisible();
  await expect(credentialsPage.row(reporter.clientId)).toHaveCount(0);
  const shown = await page.getByTestId("credential-health").allTextContents();
  expect(shown.length).toBeGreaterThan(0);
  expect(new Set(shown)).toEqual(new Set(["Org lookup fails"]));

  // Support's view: grouped by the org each credential last reached.
  await page.getByRole("button", { name: "Group by organization" }).click();
  const acme = page.getByRole("region", { name: ACME_ORG.name });
  await expect(acme.getByRole("heading")).toContainText(ACME_ORG.id);
  await expect(acme.getByTestId("credential-row").filter({ hasText: FRESH.clientId })).toBeVisible();
  const none = page.getByRole("region", { name: "No known organization" });
  await expect(none.getByTestId("credential-row").filter({ hasText: noRole.clientId })).toBeVisible();

  // An org's count filters by that org.
  await page
    .getByRole("group", { name: "Filter by organization" })
    .getByRole("button", { name: new RegExp(`^${ACME_ORG.name} \\d+$`) })
    .click();
  await expect(page).toHaveURL((url) => url.searchParams.get("org") === ACME_ORG.id && url.searchParams.get("group") === "org");
  await expect(credentialsPage.row(noRole.clientId)).toHaveCount(0);
  await expect(credentialsPage.row(FRESH.clientId)).toBeVisible();
});
