import { statSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures";
import { DESKTOP, HEALTHY, expectDetailSettled, lookUpOnRecord, registerHealthy, registerNoRole } from "./a11y-pages";

// The README's screenshots, taken from the running app in the e2e run rather than drawn by hand. They land in the
// test's output folder; scripts/screenshots.sh sets SCREENSHOTS_DIR=docs/screenshots to refresh the README's copies.

const MAX_BYTES = 200 * 1024;

test.use({ viewport: DESKTOP, colorScheme: "light" });
test.slow();

async function shoot(page: Page, name: string, outputPath: (name: string) => string) {
  const dir = process.env.SCREENSHOTS_DIR;
  const file = dir ? path.resolve(dir, `${name}.png`) : outputPath(`${name}.png`);
  // Hide the caret and stop animations so two runs of the same page give the same picture.
  await page.screenshot({ path: file, animations: "disabled", caret: "hide" });
  expect(statSync(file).size, `${name}.png stays small enough for the README`).toBeLessThan(MAX_BYTES);
}

test("@screenshots the list, a healthy credential and a diagnosis", async ({ page, api, emulatorIssuer }, testInfo) => {
  // Looked up on record first, so each page shows a test history.
  const reporter = await lookUpOnRecord(api, await registerHealthy(api, emulatorIssuer));
  const noRole = await lookUpOnRecord(api, await registerNoRole(api, emulatorIssuer));

  await page.goto(`/credentials/${reporter}`);
  await expectDetailSettled(page);
  await expect(page.getByRole("region", { name: "Organization" }).getByTestId("org-name")).toHaveText(HEALTHY.orgName);
  await shoot(page, "credential", (name) => testInfo.outputPath(name));

  await page.goto(`/credentials/${noRole}`);
  await expectDetailSettled(page);
  const diagnosis = page.getByRole("region", { name: "Organization" }).getByTestId("org-diagnosis");
  await expect(diagnosis).toBeVisible();
  await diagnosis.scrollIntoViewIfNeeded();
  await shoot(page, "diagnosis", (name) => testInfo.outputPath(name));

  await page.goto("/credentials");
  await expect(page.getByTestId("credential-row").filter({ hasText: HEALTHY.orgName }).first()).toBeVisible();
  await shoot(page, "credentials-list", (name) => testInfo.outputPath(name));
});
