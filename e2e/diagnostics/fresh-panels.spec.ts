import { expect, test } from "../fixtures";
import { DEMO_USERS, registerCredential } from "./demo-credentials";

// The panels describe the credential as it is now: the token the page's own lookup obtained, and the organization
// after an edit. Globex's service user under another spelling of its client ID (ZITADEL matches user names
// case-insensitively): its own registry entry, so the edits here cannot disturb the other specs' Globex credential.

const { secret } = DEMO_USERS.globex;
const clientId = "Globex-Sync";
const GLOBEX_ORG = "Globex Industries";
const MISSING_ORG = "999999999999999998";

test("the access-token panel shows the token the page's own org lookup obtained, and where it came from", async ({
  api,
  detailPage,
  emulatorIssuer,
}) => {
  const id = await registerCredential(api, { label: "Globex sync (panels)", issuer: emulatorIssuer, clientId, clientSecret: secret });
  await detailPage.goto(id);
  await expect(detailPage.orgName()).toHaveText(GLOBEX_ORG);

  await expect(detailPage.heldToken()).toBeVisible();
  await expect(detailPage.tokenSource()).toContainText(/obtained by the organization lookup \d+ s ago/);
  await expect(detailPage.countdown()).toHaveText(/^\d+ h \d{2} m \d{2} s$/);
  await expect(detailPage.tokenPanel).toContainText("The organization lookup uses the token shown here");

  await detailPage.testToken();
  await expect(detailPage.tokenSource()).toContainText("obtained by your token test");
});

test("after the organization ID changes, the org panel shows the new answer, never the old org", async ({
  page,
  api,
  credentialsPage,
  detailPage,
  emulatorIssuer,
}) => {
  const id = await registerCredential(api, { label: "Globex sync (panels)", issuer: emulatorIssuer, clientId, clientSecret: secret });
  await detailPage.goto(id);
  await expect(detailPage.orgName()).toHaveText(GLOBEX_ORG);

  await credentialsPage.openEdit();
  await credentialsPage.field("orgId").fill(MISSING_ORG);
  await credentialsPage.saveChanges();
  await expect(page.getByText("Saved: organization ID.")).toBeVisible();
  await expect(page.getByText("The secret is stored encrypted")).toHaveCount(0);
  await expect(detailPage.orgDiagnosis()).toContainText("Organization not found");
  await expect(detailPage.orgDiagnosis()).toContainText(MISSING_ORG);
  await expect(detailPage.orgName()).toHaveCount(0);
  // The token obtained for the previous version is not held any more; the new lookup's token is.
  await expect(detailPage.tokenSource()).toContainText("obtained by the organization lookup");

  // Clearing it again: the service user's own organization at once, not the stale "not found".
  await credentialsPage.openEdit();
  await credentialsPage.field("orgId").fill("");
  await credentialsPage.saveChanges();
  await expect(page.getByText("Saved: organization ID.")).toBeVisible();
  await expect(detailPage.orgName()).toHaveText(GLOBEX_ORG);
  await expect(detailPage.orgDiagnosis()).toHaveCount(0);
});

test("a replaced secret: the banner says so and the org panel asks again", async ({
  page,
  api,
  credentialsPage,
  detailPage,
  emulatorIssuer,
}) => {
  const id = await registerCredential(api, {
    label: "Globex sync (panels)",
    issuer: emulatorIssuer,
    clientId,
    clientSecret: "Gl0bexWrongSecret2026xxxxxxxxxx0",
  });
  await detailPage.goto(id);
  await expect(detailPage.orgDiagnosis()).toContainText("Wrong client secret");

  await credentialsPage.replaceSecret(secret);
  await expect(page.getByText("Secret replaced.")).toBeVisible();
  await expect(page.getByText("The new secret is stored encrypted")).toBeVisible();
  await expect(detailPage.orgName()).toHaveText(GLOBEX_ORG);
  await expect(detailPage.orgDiagnosis()).toHaveCount(0);
});
