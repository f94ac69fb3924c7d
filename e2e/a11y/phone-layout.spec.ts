import type { Locator, Page } from "@playwright/test";
import { expect, test } from "../fixtures";
import { HEALTHY, LONG_LABEL, PHONE, expectDetailSettled, registerHealthy, registerLongTitle } from "./a11y-pages";

// At 390 px the credential's title used to be cut to "AC…" behind its buttons, and the list and the audit log
// scrolled sideways with the last result off screen. What an operator scans for must be on screen as it loads.

test.use({ viewport: PHONE });

/** The element lies within the viewport's width, without scrolling sideways. */
async function expectWithinWidth(locator: Locator) {
  const box = await locator.boundingBox();
  expect(box, "the element is rendered").not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, "its right edge is on screen").toBeLessThanOrEqual(PHONE.width);
}

function pageScrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

test("a credential's full title is visible at 390 px, above its buttons", async ({ page, api, emulatorIssuer }) => {
  const id = await registerLongTitle(api, emulatorIssuer);
  await page.goto(`/credentials/${id}`);

  const title = page.getByRole("heading", { level: 1 });
  await expect(title).toHaveText(LONG_LABEL);
  await expectWithinWidth(title);
  const cut = await title.evaluate((element) => element.scrollWidth > element.clientWidth || element.scrollHeight > element.clientHeight);
  expect(cut, "no part of the title is clipped").toBe(false);

  const titleBox = (await title.boundingBox())!;
  const editBox = (await page.getByRole("link", { name: "Edit", exact: true }).boundingBox())!;
  expect(editBox.y, "the buttons sit below the title, not beside it").toBeGreaterThanOrEqual(titleBox.y + titleBox.height);
  expect(await pageScrollsSideways(page)).toBe(false);
});

test("the credentials list shows each credential's label, last result and organization at 390 px without sideways scrolling", async ({
  page,
  api,
  emulatorIssuer,
}) => {
  const id = await registerHealthy(api, emulatorIssuer);
  // Opening the credential looks up its organization, so the list has a result and an org name to show.
  await page.goto(`/credentials/${id}`);
  await expectDetailSettled(page);
  await page.goto("/credentials");

  const row = page.getByTestId("credential-row").filter({ hasText: HEALTHY.clientId }).first();
  await expect(row).toBeVisible();
  await expectWithinWidth(row.getByRole("link").first());
  const result = row.getByTestId("credential-last-result");
  await expect(result).toContainText(HEALTHY.orgName);
  await expectWithinWidth(result);
  await expectWithinWidth(result.getByText(HEALTHY.orgName));

  const table = page.getByRole("table");
  const fits = await table.evaluate((element) => element.parentElement!.scrollWidth <= element.parentElement!.clientWidth);
  expect(fits, "the list's box does not scroll sideways").toBe(true);
  expect(await pageScrollsSideways(page)).toBe(false);
});

test("the audit log shows when, what and the outcome at 390 px without sideways scrolling", async ({ page, api, emulatorIssuer }) => {
  await registerLongTitle(api, emulatorIssuer);
  await page.goto("/audit");
  const row = page.getByTestId("audit-row").first();
  await expect(row).toBeVisible();
  const cells = row.getByRole("cell");
  for (const cell of await cells.all()) {
    if (await cell.isVisible()) await expectWithinWidth(cell);
  }
  await expectWithinWidth(row.getByText(/success|failure|denied/).first());

  const table = page.getByRole("table");
  const fits = await table.evaluate((element) => element.parentElement!.scrollWidth <= element.parentElement!.clientWidth);
  expect(fits, "the audit log's box does not scroll sideways").toBe(true);
  expect(await pageScrollsSideways(page)).toBe(false);
});
