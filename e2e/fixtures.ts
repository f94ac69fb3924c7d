import { test as base, expect } from "@playwright/test";

// Specs import `test` and `expect` from here: `page` is already signed in as the demo admin (see auth.setup.ts).
export const test = base.extend<{ emulatorIssuer: string }>({
  emulatorIssuer: async ({}, use) => {
    await use(process.env.E2E_EMULATOR_ISSUER ?? "http://localhost:8180");
  },
});

export { expect };
