import { expect, test } from "../fixtures";
import { DEMO_USERS, registerCredential } from "./demo-credentials";

// Service users whose answers the emulator spoils: too slow (the app's deadline is 3 s in e2e), HTML, 503.

test("acme-slow: the timeout names the token request and the 3 s deadline, with Try again", async ({ api, detailPage, emulatorIssuer }) => {
  const { clientId, secret } = DEMO_USERS.slow;
  const id = await registerCredential(api, { label: "ACME slow", issuer: emulatorIssuer, clientId, clientSecret: secret });
  await detailPage.goto(id);
  // The emulator answers after 15 s: a diagnosis naming the 3 s deadline can only come from the console's own timeout.
  await detailPage.testToken();
  const diagnosis = detailPage.tokenDiagnosis();
  await expect(diagnosis).toContainText("The issuer did not answer in time");
  await expect(diagnosis).toContainText("The token request to ZITADEL got no answer within 3 s.");
  await expect(diagnosis.getByRole("button", { name: "Try again" })).toBeVisible();
});

test("acme-html: an HTML answer to the org lookup is explained, not shown", async ({ api, detailPage, emulatorIssuer }) => {
  const { clientId, secret } = DEMO_USERS.html;
  const id = await registerCredential(api, { label: "ACME HTML", issuer: emulatorIssuer, clientId, clientSecret: secret });
  await detailPage.goto(id);
  const diagnosis = detailPage.orgDiagnosis();
  await expect(diagnosis).toContainText("The issuer answered with something other than JSON");
  await expect(diagnosis).toContainText("text/html");
  await expect(detailPage.orgPanel).not.toContainText("nginx");
});

test("acme-flaky: a 503 from the org lookup reads as unavailable, not as an internal error; Look up now is the one way to ask again", async ({
  api,
  detailPage,
  emulatorIssuer,
}) => {
  const { clientId, secret } = DEMO_USERS.flaky;
  const id = await registerCredential(api, { label: "ACME flaky", issuer: emulatorIssuer, clientId, clientSecret: secret });
  await detailPage.goto(id);
  const diagnosis = detailPage.orgDiagnosis();
  await expect(diagnosis).toContainText("ZITADEL is unavailable or overloaded");
  await expect(diagnosis).toContainText("Try again in a few minutes");
  await expect(diagnosis).not.toContainText("internal error");
  await expect(diagnosis).toContainText("HTTP 503");
  await expect(detailPage.orgPanel.getByRole("button", { name: "Look up now" })).toBeVisible();
  await expect(detailPage.orgPanel.getByRole("button", { name: "Try again" })).toHaveCount(0);
});
