import { test as setup } from "@playwright/test";
import { signInThroughZitadel } from "./support/sign-in";

// Sign in once as the demo admin through the emulator's login page; specs reuse the saved session.
setup("sign in as the demo admin", async ({ page }) => {
  await signInThroughZitadel(page, { loginName: "ada", password: "demo-password" });
  await page.context().storageState({ path: "e2e/.auth/admin.json" });
});
