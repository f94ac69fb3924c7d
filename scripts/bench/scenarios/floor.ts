// Scenarios 3 and 6: the console's health route against a bare route handler, and the JavaScript a browser loads for
// the console's list and credential pages against a bare page, both from builds made the same way.
import type { Browser } from "@playwright/test";
import type { Floor } from "../floor";
import { expectOk, time, type Summary } from "../measure";
import type { Stack } from "../stack";

export async function healthVsFloor(
  stack: Stack,
  floor: Floor,
  runs: number,
): Promise<{ console: Summary; floor: Summary; ratio: number }> {
  const viaConsole = await time(runs, async () => (await expectOk(await fetch(`${stack.appOrigin}/api/health`), "health")).json());
  const bare = await time(runs, async () => (await expectOk(await fetch(`${floor.origin}/api/floor`), "floor")).json());
  return { console: viaConsole, floor: bare, ratio: Math.round((viaConsole.medianMs / bare.medianMs) * 100) / 100 };
}

/** Bytes of JavaScript (as sent, compressed or not) a cold browser loads for a page. */
async function scriptBytes(
  browser: Browser,
  url: string,
  storageState?: Awaited<ReturnType<Stack["context"]["storageState"]>>,
): Promise<number> {
  const context = await browser.newContext({ storageState });
  const page = await context.newPage();
  let bytes = 0;
  page.on("response", async (response) => {
    if (response.request().resourceType() !== "script") return;
    const sizes = await response.request().sizes();
    bytes += sizes.responseBodySize;
  });
  await page.goto(url, { waitUntil: "networkidle" });
  await context.close();
  return bytes;
}

export async function firstLoadJs(stack: Stack, floor: Floor, credentialId: string) {
  const state = await stack.context.storageState();
  const bare = await scriptBytes(stack.browser, `${floor.origin}/`);
  const list = await scriptBytes(stack.browser, `${stack.appOrigin}/credentials`, state);
  const credential = await scriptBytes(stack.browser, `${stack.appOrigin}/credentials/${credentialId}`, state);
  const kib = (bytes: number) => Math.round(bytes / 102.4) / 10;
  return {
    bareKiB: kib(bare),
    listKiB: kib(list),
    credentialKiB: kib(credential),
    listRatio: Math.round((list / bare) * 100) / 100,
    credentialRatio: Math.round((credential / bare) * 100) / 100,
  };
}
