import { test as base, expect, type APIRequestContext, type Page } from "@playwright/test";
import { storageStatePath, type DemoRole } from "./support/sign-in";

// Specs import `test` and `expect` from here. `page` and `request` are signed in as the demo admin; `pageAs(role)`
// and `requestAs(role)` give a browser page or an API client signed in as another demo operator (auth.setup.ts), or
// as nobody ("anonymous"). API clients send this app's Origin on every request, as the browser does on writes.

export type Caller = DemoRole | "anonymous";

const SIGNED_OUT = { cookies: [], origins: [] };

function storageStateOf(caller: Caller) {
  return caller === "anonymous" ? SIGNED_OUT : storageStatePath(caller);
}

interface Fixtures {
  emulatorIssuer: string;
  appOrigin: string;
  pageAs: (caller: Caller) => Promise<Page>;
  requestAs: (caller: Caller) => Promise<APIRequestContext>;
}

export const test = base.extend<Fixtures>({
  emulatorIssuer: async ({}, use) => {
    await use(process.env.E2E_EMULATOR_ISSUER ?? "http://localhost:8180");
  },
  appOrigin: async ({}, use) => {
    await use(process.env.E2E_APP_ORIGIN ?? "http://localhost:3100");
  },
  pageAs: async ({ browser, appOrigin }, use) => {
    const contexts: Awaited<ReturnType<typeof browser.newContext>>[] = [];
    await use(async (caller) => {
      const context = await browser.newContext({ baseURL: appOrigin, storageState: storageStateOf(caller) });
      contexts.push(context);
      return context.newPage();
    });
    await Promise.all(contexts.map((context) => context.close()));
  },
  requestAs: async ({ playwright, appOrigin }, use) => {
    const clients: APIRequestContext[] = [];
    await use(async (caller) => {
      const client = await playwright.request.newContext({ baseURL: appOrigin, storageState: storageStateOf(caller), extraHTTPHeaders: { Origin: appOrigin } });
      clients.push(client);
      return client;
    });
    await Promise.all(clients.map((client) => client.dispose()));
  },
});

export { expect };
