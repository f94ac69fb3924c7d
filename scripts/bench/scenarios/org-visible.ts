// Scenario 7: a click on a credential in the list until its organization is on screen, in Chromium. "Shown" counts
// the last known org the page renders at once; "live" waits for this visit's own lookup. Timed inside the page (a
// MutationObserver, then the next animation frame as the paint), so the driver's polling adds nothing.
import type { Page } from "@playwright/test";
import { summarize, type Summary } from "../measure";
import type { Stack } from "../stack";

const ANY_ORG_NAME = '[data-testid="org-panel"] [data-testid="org-name"]';
const LIVE_ORG_NAME = '[data-testid="org-panel"] [data-testid="org-name"]:not([data-testid="org-last-known"] *)';

// A string, not a function: tsx's name-keeping helpers would not exist inside the page.
const observeScript = `(() => {
  const marks = {};
  window.benchMarks = marks;
  document.addEventListener("click", () => { marks.click ??= performance.now(); }, { capture: true, once: true });
  const paintedAt = (key) => requestAnimationFrame(() => { marks[key] ??= performance.now(); });
  const seen = { shown: false, live: false };
  const observer = new MutationObserver(() => {
    if (!seen.shown && document.querySelector(${JSON.stringify(ANY_ORG_NAME)})) { seen.shown = true; paintedAt("shown"); }
    if (!seen.live && document.querySelector(${JSON.stringify(LIVE_ORG_NAME)})) { seen.live = true; paintedAt("live"); observer.disconnect(); }
  });
  observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
})()`;

interface Marks {
  click?: number;
  shown?: number;
  live?: number;
}

// Polled from outside: the console's CSP forbids the string evaluation waitForFunction would need in the page.
async function marksWhenLive(page: Page): Promise<Marks> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const marks = (await page.evaluate("window.benchMarks")) as Marks;
    if (marks.live !== undefined) return marks;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("the live organization did not show within 30 s");
}

export async function orgVisible(stack: Stack, credentialId: string, runs: number): Promise<{ shown: Summary; live: Summary }> {
  const page = await stack.context.newPage();
  const shown: number[] = [];
  const live: number[] = [];
  try {
    for (let run = -2; run < runs; run += 1) {
      await page.goto("/credentials");
      const link = page.locator(`[data-testid="credential-row"] a[href="/credentials/${credentialId}"]`).first();
      await link.waitFor({ state: "visible" });
      // A person reads the list before clicking: the list's own requests and link prefetches have settled.
      await page.waitForLoadState("networkidle");
      await page.evaluate(observeScript);
      await link.click();
      const marks = await marksWhenLive(page);
      if (run >= 0 && marks.click !== undefined) {
        shown.push(marks.shown! - marks.click);
        live.push(marks.live! - marks.click);
      }
    }
  } finally {
    await page.close();
  }
  return { shown: summarize(shown), live: summarize(live) };
}
