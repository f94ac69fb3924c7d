import { jobStepNames } from "../../lib/schemas/provisioning";
import { expect, test } from "../fixtures";
import { uniqueSuffix } from "../pages/credentials-page";
import { ProvisioningPage } from "../pages/provisioning-page";

// An admin creates a ZITADEL service user from the console with her own ZITADEL account: the user, its secret, the
// credential, the role, a token and the org lookup, each step shown as it happens; nothing is copied by hand.

test("ada creates a service user with Org Owner; every step is done and its credential finds ACME Corporation", async ({
  page,
  detailPage,
  credentialsPage,
}) => {
  const provisioning = new ProvisioningPage(page);
  const userName = `prov-ada-${uniqueSuffix()}`;

  await credentialsPage.gotoList();
  await page.getByRole("link", { name: "New service user" }).click();
  await expect(page.getByRole("heading", { name: "New service user", level: 1 })).toBeVisible();
  await expect(page.getByLabel("Manager role", { exact: true })).toHaveValue("ORG_OWNER");

  const jobId = await provisioning.create({ userName, name: "Provisioned by Ada" });
  await provisioning.expectJobEnded("done");
  for (const name of jobStepNames) await expect(provisioning.step(name)).toHaveAttribute("data-state", "done");
  await expect(provisioning.summary()).toContainText(`The user ${userName} exists in ZITADEL`);
  await expect(provisioning.summary()).toContainText("it holds the role Org Owner");

  // The job is in the list of recent jobs, done.
  await page.goto("/provisioning");
  await expect(page.getByTestId("job-row").filter({ hasText: userName })).toContainText("Done");
  await page.goto(`/provisioning/${jobId}`);

  await provisioning.openCredential();
  await expect(page.getByTestId("credential-client-id")).toHaveText(userName);
  await expect(detailPage.orgName()).toHaveText("ACME Corporation", { timeout: 20_000 });

  // Its secret can be rotated in ZITADEL from here: the new one is stored, tested, and the org still found.
  const hint = await page.getByTestId("credential-secret-hint").textContent();
  const rotated = await detailPage.rotateInZitadel();
  expect(rotated.status()).toBe(200);
  await expect(detailPage.actionResult()).toHaveAttribute("data-outcome", "fixed");
  await expect(detailPage.actionResult().locator('[data-testid="action-step"][data-step="test_token"]')).toHaveAttribute(
    "data-state",
    "done",
  );
  await expect(page.getByTestId("credential-secret-hint")).not.toHaveText(hint ?? "");
  await expect(detailPage.orgName()).toHaveText("ACME Corporation", { timeout: 20_000 });
});
