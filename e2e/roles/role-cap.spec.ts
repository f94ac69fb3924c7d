import { expect, test } from "../fixtures";
import { registerRolesCredential } from "./roles-fixture";
import { CredentialDetailPage } from "../pages/credential-detail-page";

// An admin's cap signs the operator out at once: Oscar's open page is refused at its next request, and when he signs in
// again he is a viewer, refused with 403 and told which role he needs. (Its own Playwright project, after every spec
// that needs Oscar's saved session.)

test("an admin caps oscar at viewer; he is signed out, and signed in again his token test is refused and says why", async ({
  pageAs,
  requestAs,
  emulatorIssuer,
  appOrigin,
}) => {
  test.setTimeout(120_000); // two sign-ins through ZITADEL besides the cap and its removal
  const credential = await registerRolesCredential(await requestAs("admin"), emulatorIssuer);
  const oscarPage = await pageAs("operator");
  const oscar = new CredentialDetailPage(oscarPage);
  await oscar.goto(credential.id);
  await expect(oscarPage.getByTestId("signed-in-role")).toHaveText("Operator");
  await expect(oscar.tokenPanel.getByRole("button", { name: "Test token" })).toBeEnabled();

  const adminPage = await pageAs("admin");
  await adminPage.goto("/operators");
  const row = adminPage.locator('[data-testid="operator-row"][data-login="oscar"]');
  const cap = row.getByRole("combobox", { name: "Role cap for Oscar Operator" });
  try {
    await cap.selectOption("viewer");
    const confirm = adminPage.getByRole("alertdialog", { name: "Cap Oscar Operator at viewer?" });
    await expect(confirm).toContainText("signed out at once");
    await confirm.getByRole("button", { name: "Apply" }).click();
    await expect(confirm).toBeHidden();
    await expect(row.getByTestId("operator-role")).toHaveText("Viewer");
    await expect(cap).toHaveValue("viewer");

    // Oscar's page still shows the button from before; pressing it reaches the server: his session has ended.
    expect((await oscar.testToken()).status()).toBe(401);
    // ZITADEL still has his own session, so signing in again asks for no password.
    await oscarPage.goto("/login");
    await oscarPage.getByRole("button", { name: "Sign in with ZITADEL" }).click();
    await expect(oscarPage.getByTestId("signed-in-operator")).toBeVisible();
    await oscar.goto(credential.id);
    await expect(oscarPage.getByTestId("signed-in-role")).toHaveText("Viewer");
    const refused = await oscarPage.request.post(`/api/credentials/${credential.id}/token`, { headers: { Origin: appOrigin } });
    expect(refused.status()).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: "forbidden", message: "This needs the operator role." } });
    await expect(oscar.tokenPanel.getByRole("button", { name: "Test token" })).toHaveAttribute("title", "Needs the operator role");
    await expect(oscar.orgPanel.getByTestId("org-operator-only")).toBeVisible();
  } finally {
    await cap.selectOption("");
    const confirm = adminPage.getByRole("alertdialog", { name: "Remove Oscar Operator's cap?" });
    await confirm.getByRole("button", { name: "Apply" }).click();
    await expect(confirm).toBeHidden();
  }
  await expect(row.getByTestId("operator-role")).toHaveText("Operator");

  await oscarPage.reload();
  await expect(oscarPage.getByTestId("signed-in-role")).toHaveText("Operator");
  expect((await oscar.testToken()).status()).toBe(200);
});
