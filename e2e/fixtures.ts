import { test as base, expect, type APIRequestContext, type Page } from "@playwright/test";
import { CredentialDetailPage } from "./pages/credential-detail-page";
import { CredentialsPage } from "./pages/credentials-page";
import { ApiReference } from "./support/api-reference";
import { storageStatePath, type DemoRole } from "./support/sign-in";

// Specs import `test` and `expect` from here: `page` is already signed in as the demo admin (see auth.setup.ts), and
// the app's origin, the JSON API client and the page objects come ready-made instead of being rebuilt in each spec.
// `pageAs(role)` and `requestAs(role)` give a browser page or an API client signed in as another demo operator, or as
// nobody ("anonymous"). `apiReference.expectAnswer(method, response)` holds an API answer to GET /api/openapi.json.

export type Caller = DemoRole | "anonymous";

const SIGNED_OUT = { cookies: [], origins: [] };

function storageStateOf(caller: Caller) {
  return caller === "anonymous" ? SIGNED_OUT : storageStatePath(caller);
}

interface Fixtures {
  /** APP_ORIGIN of the app under test: what every write must send as Origin. */
  appOrigin: string;
  emulatorIssuer: string;
  /**
   * The JSON API as a script uses it (docs/api.md): the test's session, Origin set to the app's own, JSON answers
   * asked for. Object `data` is sent as application/json; no Content-Type is forced, so a bodiless DELETE stays bodiless.
   * For requests an attacker would send (no Origin, a foreign one), use Playwright's plain `request` instead.
   */
  api: APIRequestContext;
  credentialsPage: CredentialsPage;
  detailPage: CredentialDetailPage;
  pageAs: (caller: Caller) => Promise<Page>;
  requestAs: (caller: Caller) => Promise<APIRequestContext>;
}

interface WorkerFixtures {
  /** The app's own API reference, fetched once per worker: checks an answer's status, media type and body. */
  apiReference: ApiReference;
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  apiReference: [
    async ({ playwright }, use) => {
      const client = await playwright.request.newContext({
        baseURL: process.env.E2E_APP_ORIGIN ?? "http://localhost:3100",
        storageState: storageStatePath("admin"),
      });
      const reference = await ApiReference.load(client);
      await client.dispose();
      await use(reference);
    },
    { scope: "worker" },
  ],
  appOrigin: async ({}, use) => {
    await use(process.env.E2E_APP_ORIGIN ?? "http://localhost:3100");
  },
  emulatorIssuer: async ({}, use) => {
    await use(process.env.E2E_EMULATOR_ISSUER ?? "http://localhost:8180");
  },
  api: async ({ playwright, baseURL, storageState, appOrigin }, use) => {
    const api = await playwright.request.newContext({
      baseURL,
      storageState,
      extraHTTPHeaders: { Origin: appOrigin, Accept: "application/json" },
    });
    await use(withReadsRetriedOnReset(api));
    await api.dispose();
  },
  credentialsPage: async ({ page }, use) => {
    await use(new CredentialsPage(page));
  },
  detailPage: async ({ page }, use) => {
    await use(new CredentialDetailPage(page));
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
      const client = await playwright.request.newContext({
        baseURL: appOrigin,
        storageState: storageStateOf(caller),
        extraHTTPHeaders: { Origin: appOrigin },
      });
      clients.push(client);
      return client;
    });
    await Promise.all(clients.map((client) => client.dispose()));
  },
});

export { expect };

/**
 * A GET sent on a kept-alive connection the server is closing at that moment (its keep-alive timeout ran out while the
 * connection sat idle) fails with ECONNRESET before the server saw it. A browser sends such an idempotent request again
 * on a new connection; the spec's API client does the same, once, for reads only.
 */
function withReadsRetriedOnReset(api: APIRequestContext): APIRequestContext {
  return new Proxy(api, {
    get(target, property, receiver) {
      if (property === "get") {
        return async (...args: Parameters<APIRequestContext["get"]>) => {
          try {
            return await target.get(...args);
          } catch (error) {
            if (!/ECONNRESET|socket hang up/.test(String(error))) throw error;
            return target.get(...args);
          }
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
