import { test as base, expect, type APIRequestContext } from "@playwright/test";
import { CredentialDetailPage } from "./pages/credential-detail-page";
import { CredentialsPage } from "./pages/credentials-page";

// Specs import `test` and `expect` from here: `page` is already signed in as the demo admin (see auth.setup.ts), and
// the app's origin, the JSON API client and the page objects come ready-made instead of being rebuilt in each spec.

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
}

export const test = base.extend<Fixtures>({
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
    await use(api);
    await api.dispose();
  },
  credentialsPage: async ({ page }, use) => {
    await use(new CredentialsPage(page));
  },
  detailPage: async ({ page }, use) => {
    await use(new CredentialDetailPage(page));
  },
});

export { expect };
