import { expect, type Page } from "@playwright/test";

export const DEMO_OPERATORS = {
  admin: { loginName: "ada", password: "demo-password", name: "Ada Admin" },
  operator: { loginName: "oscar", password: "demo-password", name: "Oscar Operator" },
  viewer: { loginName: "vera", password: "demo-password", name: "Vera Viewer" },
} as const;

/** From the app's sign-in page through the emulator's login form back into the app shell. */
export async function signInThroughZitadel(page: Page, login: { loginName: string; password: string }) {
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in with ZITADEL" }).click();
  await page.getByLabel("Login name").fill(login.loginName);
  await page.getByLabel("Password").fill(login.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-operator")).toBeVisible();
}
