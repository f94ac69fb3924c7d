import { registerCredential } from "../diagnostics/demo-credentials";
import { expect, test } from "../fixtures";
import { uniqueSuffix } from "../pages/credentials-page";
import { ProvisioningPage } from "../pages/provisioning-page";

// A step ZITADEL refuses stops the job where it is, says in plain words what was done and what was not, and the job
// goes on from there with other permissions. billing+ops@acme is ORG_USER_MANAGER: it may create users and secrets,
// but ZITADEL refuses it a role grant (AUTH-5mWD2).

const BILLING_OPS = { clientId: "billing+ops@acme", secret: "B1llingOpsDemoSecret2026xxxxxxx6" };

test("a refused role grant leaves a resumable job, which ada finishes with her own account", async ({ page, api, emulatorIssuer }) => {
  const provisionerId = await registerCredential(api, {
    label: "Billing ops (provisioner)",
    issuer: emulatorIssuer,
    clientId: BILLING_OPS.clientId,
    clientSecret: BILLING_OPS.secret,
  });

  await page.goto("/settings/provisioners");
  const section = page.getByRole("region", { name: "Provisioners" });
  await section.getByLabel("Credential", { exact: true }).selectOption(provisionerId);
  await section.getByRole("button", { name: "Register provisioner" }).click();
  const entry = section.getByTestId("provisioner").filter({ hasText: emulatorIssuer });
  // Named by its client ID: another spec of the run may have registered billing+ops@acme first, under its own label.
  await expect(entry).toContainText(BILLING_OPS.clientId);

  const provisioning = new ProvisioningPage(page);
  const userName = `prov-billing-${uniqueSuffix()}`;
  await provisioning.gotoNew();
  await provisioning.create({ userName, name: "Made by billing ops", authority: `provisioner:${provisionerId}`, role: "ORG_OWNER" });
  await provisioning.expectJobEnded("failed");

  for (const done of ["create_user", "generate_secret", "register"])
    await expect(provisioning.step(done)).toHaveAttribute("data-state", "done");
  const grant = provisioning.step("grant_role");
  await expect(grant).toHaveAttribute("data-state", "failed");
  const refusal = grant.getByTestId("step-diagnosis");
  await expect(refusal).toBeVisible();
  await expect(refusal).toContainText(/permission/i);
  await expect(refusal).toContainText("AUTH-5mWD2");
  await expect(provisioning.step("test_token")).toHaveAttribute("data-state", "pending");
  await expect(provisioning.summary()).toContainText(`The user ${userName} exists in ZITADEL and its secret is stored in the credential`);
  await expect(provisioning.summary()).toContainText("the role Org Owner was not granted");

  const resume = provisioning.resumePanel();
  await expect(resume.getByRole("button", { name: "Finish without the role" })).toBeVisible();
  await resume.getByTestId("authority-select").selectOption("operator");
  await resume.getByRole("button", { name: "Retry from this step" }).click();
  await provisioning.expectJobEnded("done");
  for (const step of ["grant_role", "test_token", "lookup_org"])
    await expect(provisioning.step(step)).toHaveAttribute("data-state", "done");
  await expect(provisioning.summary()).toContainText("it holds the role Org Owner");

  // The provisioner is removed again, from the same settings.
  await page.goto("/settings/provisioners");
  await section
    .getByTestId("provisioner")
    .filter({ hasText: emulatorIssuer })
    .getByRole("button", { name: /^Remove/ })
    .click();
  await expect(section.getByTestId("provisioner")).toHaveCount(0);
});
