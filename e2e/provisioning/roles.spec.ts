import { DEMO_USERS, registerCredential } from "../diagnostics/demo-credentials";
import { expect, test } from "../fixtures";
import { ACME_ORG_ID } from "../pages/provisioning-page";

// Provisioning is an admin's: oscar (an operator in the console, though ORG_OWNER in ZITADEL) is refused by the
// console itself, and sees none of its buttons.

test("oscar sees no provisioning action and the API refuses him with 403", async ({ pageAs, requestAs, api, emulatorIssuer }) => {
  const oscar = await pageAs("operator");
  await oscar.goto("/credentials");
  await expect(oscar.getByRole("heading", { name: "Credentials", level: 1 })).toBeVisible();
  await expect(oscar.getByTestId("admin-only-note")).toBeVisible();
  await expect(oscar.getByRole("link", { name: "New service user" })).toHaveCount(0);
  await expect(oscar.getByRole("button", { name: "New service user" })).toHaveCount(0);

  await oscar.goto("/credentials/new-service-user");
  await expect(oscar.getByTestId("role-required")).toBeVisible();
  await expect(oscar.getByRole("button", { name: "Create service user" })).toHaveCount(0);

  // On a credential with a diagnosis the console could fix (a deactivated user), neither the rotation nor the fix is
  // offered to him. Not acme-no-role: the fix spec may have granted it its role by now.
  const { clientId, secret } = DEMO_USERS.retired;
  const id = await registerCredential(api, { label: "ACME retired", issuer: emulatorIssuer, clientId, clientSecret: secret });
  await oscar.goto(`/credentials/${id}`);
  const diagnosis = oscar.getByRole("region", { name: "Organization" }).getByTestId("org-diagnosis");
  await expect(diagnosis).toHaveAttribute("data-code", "user_inactive", { timeout: 20_000 });
  await expect(diagnosis.getByRole("button", { name: "Fix it for me" })).toHaveCount(0);
  // He reads, in words, that an admin can do it for him.
  await expect(diagnosis.getByTestId("fix-needs-admin")).toContainText("An admin can fix this for you");
  await expect(oscar.getByRole("button", { name: "Rotate secret in ZITADEL" })).toHaveCount(0);

  const request = await requestAs("operator");
  const refused = await request.post("/api/provisioning/service-users", {
    data: { authority: { kind: "operator" }, orgId: ACME_ORG_ID, userName: "oscar-was-here", name: "Oscar's try", role: "ORG_OWNER" },
  });
  expect(refused.status()).toBe(403);
  const refusedAction = await request.post(`/api/credentials/${id}/actions`, {
    data: { action: "grant_role", authority: { kind: "operator" }, role: "ORG_OWNER" },
  });
  expect(refusedAction.status()).toBe(403);
});
