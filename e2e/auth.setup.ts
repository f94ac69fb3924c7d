import { test as setup } from "@playwright/test";
import { DEMO_OPERATORS, signInThroughZitadel, storageStatePath, type DemoRole } from "./support/sign-in";

// Sign in once as each demo operator, each in a browser of their own, through the emulator's login page; specs reuse
// the saved sessions (fixtures.ts). Nora, who has no role, is signed in too: "no role" is a state the console shows.
setup.describe.configure({ mode: "parallel" });

for (const role of Object.keys(DEMO_OPERATORS) as DemoRole[]) {
  setup(`sign in as ${DEMO_OPERATORS[role].loginName} (${role})`, async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
    const page = await context.newPage();
    await signInThroughZitadel(page, DEMO_OPERATORS[role]);
    await context.storageState({ path: storageStatePath(role) });
    await context.close();
  });
}
