import { expect, type Page } from "@playwright/test";

// The emulator's demo operators (emulator/seed/demo.json), one per console role, and Nora, whom ZITADEL gives none.

export type DemoRole = "admin" | "operator" | "viewer" | "none";

export const DEMO_OPERATORS = {
  admin: { loginName: "ada", password: "demo-password", name: "Ada Admin" },
  operator: { loginName: "oscar", password: "demo-password", name: "Oscar Operator" },
  viewer: { loginName: "vera", password: "demo-password", name: "Vera Viewer" },
  none: { loginName: "nora", password: "demo-password", name: "Nora Newcomer" },
} as const satisfies Record<DemoRole, { loginName: string; password: string; name: string }>;

/** Where the setup project keeps each operator's signed-in browser state. */
export function storageStatePath(role: DemoRole): string {
  return `e2e/.auth/${DEMO_OPERATORS[role].loginName}.json`;
}

/** Fills the emulator's login form (the page must be on it). */
export async function fillZitadelLogin(page: Page, login: { loginName: string; password: string }) {
  await expect(page).toHaveURL(/\/ui\/login\//);
  await page.getByLabel("Login name").fill(login.loginName);
  await page.getByLabel("Password").fill(login.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** From the app's sign-in page through the emulator's login form back into the app shell. */
export async function signInThroughZitadel(page: Page, login: { loginName: string; password: string }) {
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in with ZITADEL" }).click();
  await fillZitadelLogin(page, login);
  await expect(page.getByTestId("signed-in-operator")).toBeVisible();
}
