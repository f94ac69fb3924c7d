// Opening a credential until its organization shows: click on the list → org name visible, in a real Chromium.
// Starts nothing: point it at a running app and a signed-in session (Playwright storage state), e.g.
//   APP_ORIGIN=http://localhost:3000 STORAGE_STATE=e2e/.auth/admin.json CHROMIUM_PATH=/usr/bin/chromium \
//   node_modules/.bin/tsx scripts/bench-org-visible.ts [runs] [credential id]
// Without an id it opens the first credential of the list. Prints median, p95 and min–max in ms.
import { chromium } from "playwright";

const origin = process.env.APP_ORIGIN;
const storageState = process.env.STORAGE_STATE;
const runs = Number(process.argv[2] ?? 10);
const wantedId = process.argv[3];

async function main() {
  if (!origin || !storageState)
    throw new Error("Set APP_ORIGIN and STORAGE_STATE (a Playwright storage state file of a signed-in session).");
  if (!Number.isInteger(runs) || runs < 1) throw new Error("runs must be a positive integer");
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || undefined,
    args: ["--no-sandbox", "--disable-gpu"],
  });
  try {
    const context = await browser.newContext({ baseURL: origin, storageState });
    const page = await context.newPage();
    const shown: number[] = [];
    const live: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      await page.goto("/credentials");
      const link = wantedId
        ? page.locator(`a[href="/credentials/${wantedId}"]`).first()
        : page.getByTestId("credential-row").first().getByRole("link").first();
      await link.waitFor({ state: "visible" });
      const started = performance.now();
      await link.click();
      // The last known org (from the test history) counts as shown; "live" waits for this visit's own lookup.
      await page.getByTestId("org-name").first().waitFor({ state: "visible" });
      shown.push(performance.now() - started);
      await page.locator(LIVE_ORG_NAME).waitFor({ state: "visible" });
      live.push(performance.now() - started);
    }
    report("click → org name visible", shown);
    report("click → live org name visible", live);
  } finally {
    await browser.close();
  }
}

const LIVE_ORG_NAME = '[data-testid="org-panel"] [data-testid="org-name"]:not([data-testid="org-last-known"] *)';

function report(what: string, timings: number[]) {
  const sorted = [...timings].sort((a, b) => a - b);
  const at = (quantile: number) => sorted[Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)]!;
  const ms = (value: number) => `${Math.round(value)} ms`;
  console.log(
    `${what}, ${sorted.length} runs: median ${ms(at(0.5))}, p95 ${ms(at(0.95))}, min–max ${ms(sorted[0]!)}–${ms(sorted.at(-1)!)}`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
