import type { Locator, Page } from "@playwright/test";
import { expect, test } from "../fixtures";
import { registerRolesCredential, ROLES_SERVICE_USER } from "./roles-fixture";
import { CredentialDetailPage } from "../pages/credential-detail-page";
import { CredentialsPage } from "../pages/credentials-page";

// What each role sees and can press: the header names the role, what the role cannot do is disabled and names the
// role that can (or is not there at all), and the pages a role may not open say so without asking the API.

let credential: { id: string; label: string };

test.beforeAll(async ({ playwright, emulatorIssuer }) => {
  const appOrigin = process.env.E2E_APP_ORIGIN ?? "http://localhost:3100";
  const admin = await playwright.request.newContext({
    baseURL: appOrigin,
    storageState: "e2e/.auth/ada.json",
    extraHTTPHeaders: { Origin: appOrigin },
  });
  credential = await registerRolesCredential(admin, emulatorIssuer);
  await admin.dispose();
});

async function expectNeedsRole(control: Locator, role: "admin" | "operator") {
  await expect(control).toBeVisible();
  await expect(control).toBeDisabled();
  await expect(control).toHaveAttribute("title", `Needs the ${role} role`);
}

/** The API paths a page asks for while the test runs. */
function apiCalls(page: Page): string[] {
  const calls: string[] = [];
  page.on("request", (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith("/api/")) calls.push(`${request.method()} ${pathname}`);
  });
  return calls;
}

function nav(page: Page): Locator {
  return page.getByRole("navigation", { name: "Main" });
}

test("a viewer reads credentials and their history; changing, testing and admin pages name the role they need", async ({ pageAs }) => {
  const page = await pageAs("viewer");
  const calls = apiCalls(page);
  await page.goto("/credentials");
  await expect(page.getByTestId("signed-in-operator")).toContainText("Vera Viewer · Viewer");
  await expect(nav(page).getByRole("link", { name: "Credentials" })).toBeVisible();
  await expect(nav(page).getByRole("link", { name: "Audit log" })).toHaveCount(0);
  await expect(nav(page).getByRole("link", { name: "Operators" })).toHaveCount(0);
  await expect(nav(page).getByRole("link", { name: "Settings" })).toHaveCount(0);
  await expect(nav(page).getByRole("link", { name: "Provisioning" })).toHaveCount(0);
  for (const name of ["Register credential", "Import", "Export JSON", "Export CSV"])
    await expectNeedsRole(page.getByRole("button", { name, exact: true }), "admin");
  await expect(page.getByRole("link", { name: "Register credential" })).toHaveCount(0);

  await new CredentialsPage(page).search(ROLES_SERVICE_USER.clientId);
  await page.getByRole("link", { name: credential.label }).click();
  await expect(page.getByRole("heading", { name: credential.label, level: 1 })).toBeVisible();
  for (const name of ["Edit", "Replace secret", "Delete"]) await expectNeedsRole(page.getByRole("button", { name, exact: true }), "admin");
  await page.getByRole("button", { name: "Delete", exact: true }).click({ force: true });
  await expect(page.getByRole("alertdialog")).toHaveCount(0);

  const detail = new CredentialDetailPage(page);
  await expectNeedsRole(detail.tokenPanel.getByRole("button", { name: "Test token" }), "operator");
  await expect(detail.orgPanel.getByTestId("org-operator-only")).toContainText("Needs the operator role");
  await expect(detail.orgPanel.getByTestId("last-known-org-name")).toHaveText(ROLES_SERVICE_USER.orgName);
  await expect(detail.historyRows().first()).toBeVisible();
  expect(
    // Reading the token the console holds (GET …/token) is a viewer's; asking ZITADEL (a POST) is not.
    calls.filter((call) => call.startsWith("POST ") && (call.endsWith("/org") || call.endsWith("/token"))),
    "the page looked nothing up",
  ).toEqual([]);

  for (const [path, title] of [
    ["/audit", "The audit log needs the admin role"],
    ["/operators", "The operators page needs the admin role"],
    ["/settings/introspection", "The introspection clients page needs the admin role"],
    ["/settings", "Settings needs the admin role"],
    ["/settings/provisioners", "The provisioners page needs the admin role"],
    ["/provisioning", "Provisioning needs the admin role"],
    ["/credentials/new", "Registering a credential needs the admin role"],
    [`/credentials/${credential.id}/edit`, "Editing a credential needs the admin role"],
  ] as const) {
    await page.goto(path);
    await expect(page.getByTestId("role-required").getByRole("heading", { name: title })).toBeVisible();
  }
  expect(
    calls.filter((call) => /^GET \/api\/(audit|operators|introspection-clients|provisioning)/.test(call)),
    "no admin data was asked for",
  ).toEqual([]);
});

test("an operator tests tokens and sees the organization live; changes and the reveal need an admin", async ({ pageAs }) => {
  const page = await pageAs("operator");
  await page.goto("/credentials");
  await expect(page.getByTestId("signed-in-operator")).toContainText("Oscar Operator · Operator");
  await expect(nav(page).getByRole("link", { name: "Audit log" })).toHaveCount(0);
  await expectNeedsRole(page.getByRole("button", { name: "Register credential" }), "admin");

  const detail = new CredentialDetailPage(page);
  await detail.goto(credential.id);
  await expect(detail.orgName()).toHaveText(ROLES_SERVICE_USER.orgName);
  for (const name of ["Edit", "Replace secret", "Delete"]) await expectNeedsRole(page.getByRole("button", { name, exact: true }), "admin");
  const response = await detail.testToken();
  expect(response.status()).toBe(200);
  await expect(detail.tokenPanel.getByTestId("token-result")).toBeVisible();
  await expectNeedsRole(detail.tokenPanel.getByRole("button", { name: "Reveal token" }), "admin");

  await expect(nav(page).getByRole("link", { name: "Settings" })).toHaveCount(0);
  await expect(nav(page).getByRole("link", { name: "Provisioning" })).toHaveCount(0);
  await page.goto("/settings/introspection");
  await expect(
    page.getByTestId("role-required").getByRole("heading", { name: "The introspection clients page needs the admin role" }),
  ).toBeVisible();
});

test("an admin has every button, the audit log and the operators page", async ({ pageAs }) => {
  const page = await pageAs("admin");
  await page.goto("/credentials");
  await expect(page.getByTestId("signed-in-operator")).toContainText("Ada Admin · Admin");
  await expect(nav(page).getByRole("link", { name: "Audit log" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Register credential" })).toBeVisible();
  await expect(page.getByTestId("admin-only-note")).toHaveCount(0);

  const detail = new CredentialDetailPage(page);
  await detail.goto(credential.id);
  await expect(page.getByRole("link", { name: "Edit", exact: true })).toBeVisible();
  for (const name of ["Replace secret", "Delete"]) await expect(page.getByRole("button", { name, exact: true })).toBeEnabled();
  await detail.testToken();
  await expect(detail.tokenPanel.getByRole("button", { name: "Reveal token" })).toBeEnabled();

  await expect(nav(page).getByRole("link", { name: "Settings" })).toBeVisible();
  await nav(page).getByRole("link", { name: "Provisioning" }).click();
  await expect(page.getByRole("heading", { name: "Provisioning", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "New service user" })).toBeVisible();
  await nav(page).getByRole("link", { name: "Operators" }).click();
  await expect(page.getByRole("heading", { name: "Operators", level: 1 })).toBeVisible();
  const own = page.getByTestId("operator-row").filter({ hasText: "Ada Admin" });
  await expect(own).toContainText("you");
  await expect(own.getByRole("combobox")).toHaveCount(0);
  await expect(own.getByRole("button")).toHaveCount(0);
  const oscar = page.locator('[data-testid="operator-row"][data-login="oscar"]');
  await expect(oscar.getByTestId("operator-role")).toHaveText("Operator");
  await expect(oscar).toContainText("from ZITADEL");
  await expect(oscar.getByRole("combobox", { name: "Role cap for Oscar Operator" })).toHaveValue("");
  await expect(page.locator('[data-testid="operator-row"][data-login="nora"]').getByTestId("operator-role")).toHaveText("No role");
});

test("someone without a role sees who they are, the roles and whom to ask, and no console data", async ({ pageAs }) => {
  const page = await pageAs("none");
  const calls = apiCalls(page);
  for (const path of ["/credentials", `/credentials/${credential.id}`, "/operators"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: "You have no role in M2M Console" })).toBeVisible();
  }
  await expect(page.getByTestId("signed-in-operator")).toContainText("Nora Newcomer · No role");
  await expect(page.getByRole("main")).toContainText("nora@acme.localhost");
  const roleList = page.getByTestId("role-list");
  for (const [role, ability] of [
    ["Viewer", "reads credentials"],
    ["Operator", "runs token tests"],
    ["Admin", "registers, edits, deletes"],
  ] as const) {
    await expect(roleList).toContainText(role);
    await expect(roleList).toContainText(ability);
  }
  await expect(page.getByRole("main")).toContainText("Ask an admin");
  await expect(page.getByRole("main").getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
  await expect(page.getByText(credential.label)).toHaveCount(0);
  expect(calls.filter((call) => call !== "GET /api/me")).toEqual([]);
});
