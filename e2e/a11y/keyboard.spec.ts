import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures";
import { LONG_LABEL, registerLongTitle } from "./a11y-pages";

// A keyboard user's first Tab reaches "Skip to content", and after moving to another page their place is that page's
// main heading, not the top of the document (where the header's links would have to be tabbed through again).

function isInsideMain(page: Page): Promise<boolean> {
  return page.evaluate(() => document.activeElement?.closest("main") !== null && document.activeElement !== document.body);
}

test("the first Tab on a page reaches the skip link, which jumps past the header into the page", async ({ page }) => {
  await page.goto("/credentials");
  await expect(page.getByRole("heading", { level: 1, name: "Credentials" })).toBeVisible();

  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();

  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  expect(await isInsideMain(page), "the next Tab after skipping lands inside the page, past the header").toBe(true);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Credentials" })).not.toBeFocused();
});

test("after following a link with the keyboard, the new page's heading has focus", async ({ page }) => {
  await page.goto("/credentials");
  await expect(page.getByRole("heading", { level: 1, name: "Credentials" })).toBeVisible();

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/audit$/);
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeFocused();

  // The next Tab goes on into the page, not back to the header.
  await page.keyboard.press("Tab");
  expect(await isInsideMain(page)).toBe(true);
});

test("after clicking a link, the new page's heading has focus, also when the page loads its content first", async ({
  page,
  api,
  emulatorIssuer,
}) => {
  const id = await registerLongTitle(api, emulatorIssuer);
  await page.goto("/credentials");
  await page.getByRole("link", { name: "Register credential" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Register a credential" })).toBeFocused();

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Credentials", exact: true }).click();
  await expect(page).toHaveURL(/\/credentials$/);
  await expect(page.getByRole("heading", { level: 1, name: "Credentials" })).toBeFocused();

  await page.getByRole("link", { name: LONG_LABEL }).click();
  await expect(page).toHaveURL(new RegExp(`/credentials/${id}$`));
  await expect(page.getByRole("heading", { level: 1, name: LONG_LABEL })).toBeFocused();
});
