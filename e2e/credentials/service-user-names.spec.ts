import { generateKeyPairSync } from "node:crypto";
import type { Locator, Page } from "@playwright/test";
import { DEMO_USERS, registerCredential } from "../diagnostics/demo-credentials";
import { KEY_BOT, demoPats, keyFile, keyFileText, registerKind } from "../diagnostics/demo-kinds";
import { expect, test } from "../fixtures";
import { uniqueSuffix } from "../pages/credentials-page";

// Credentials found and named by their service user: a key file's login name learnt from ZITADEL's token and found
// by the search; a second key of the same user registered on its own, and the same key twice refused with a link to
// its holder; a label derived from the key that follows a replaced key; a PAT token test that says what it checked;
// a failing test whose diagnosis shows once, at the top on a phone; a numeric client ID saved only when confirmed.

const KEY_USER_ID = keyFile("acme-key-bot").userId!;

/** A key file of acme-key-bot's user that ZITADEL never issued: registering checks the file, not ZITADEL. */
function generatedKeyFile(keyId: string): string {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const key = privateKey.export({ type: "pkcs1", format: "pem" }).toString();
  return JSON.stringify({ type: "serviceaccount", keyId, key, userId: KEY_USER_ID, expirationDate: "2099-01-01T00:00:00Z" });
}

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  expect(found, "the element is laid out").not.toBeNull();
  return found!;
}

async function registerKeyThroughForm(page: Page, issuer: string, text: string) {
  await page.goto("/credentials/new");
  // The form writes the server's default issuer into the empty field once it is known: fill after it, not during.
  await expect(page.getByLabel("Issuer", { exact: true })).not.toHaveValue("");
  await page.getByRole("radio", { name: /^Key file/ }).check();
  await page.getByLabel(/^Or paste the key file's JSON/).fill(text);
  await page.getByLabel("Issuer", { exact: true }).fill(issuer);
  const [answer] = await Promise.all([
    page.waitForResponse((response) => response.request().method() === "POST" && new URL(response.url()).pathname === "/api/credentials"),
    page.getByRole("button", { name: "Register credential" }).click(),
  ]);
  return answer;
}

test("a key file's service user: named from ZITADEL's token in the list and the detail, and found by its login name", async ({
  page,
  api,
  detailPage,
  credentialsPage,
  emulatorIssuer,
}) => {
  // Another spec may have registered this key already: then that credential is the one to look at.
  const id = await registerKind(api, {
    kind: "jwt_profile",
    label: `ACME key bot ${uniqueSuffix()}`,
    issuer: emulatorIssuer,
    keyFile: keyFileText("acme-key-bot"),
  });
  await detailPage.goto(id);
  await detailPage.testToken();
  await expect(detailPage.tokenPanel.getByTestId("token-result")).toContainText("Token issued");
  await page.reload();
  const facts = page.getByRole("region", { name: "Credential" });
  await expect(facts.getByTestId("credential-service-user")).toHaveText(KEY_BOT.username);
  await expect(facts.getByTestId("credential-client-id")).toHaveText(KEY_USER_ID);
  await expect(page.getByTestId("credential-title-user")).toHaveText(KEY_BOT.username);

  await credentialsPage.gotoList();
  await credentialsPage.search(KEY_BOT.username);
  const row = page.getByTestId("credential-row").filter({ has: page.locator(`a[href="/credentials/${id}"]`) });
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId("credential-service-user")).toContainText(KEY_BOT.username);
  await expect(row.getByTestId("credential-service-user")).toContainText(`user ${KEY_USER_ID}`);
});

test("a second key of the same user is its own credential, its derived label follows a replaced key, and the same key twice links to its holder", async ({
  page,
  credentialsPage,
  emulatorIssuer,
}) => {
  const suffix = uniqueSuffix();
  const first = `e2e-${suffix}-1`;
  const second = `e2e-${suffix}-2`;

  const created = await registerKeyThroughForm(page, emulatorIssuer, generatedKeyFile(first));
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  await credentialsPage.expectDetail(`key ${first}`);

  // Replace key: the label it was given from the key names the new key.
  await credentialsPage.replaceMaterial("key", generatedKeyFile(second));
  await credentialsPage.expectDetail(`key ${second}`);
  await expect(page.getByRole("region", { name: "Credential" }).getByTestId("credential-key-id")).toHaveText(second);

  // The same key again: refused, naming and linking the credential that holds it.
  const again = await registerKeyThroughForm(page, emulatorIssuer, generatedKeyFile(second));
  expect(again.status()).toBe(409);
  const refusal = page.getByRole("alert").filter({ hasText: `The key ${second}` });
  await expect(refusal).toContainText(`already registered as key ${second}`);
  await refusal.getByRole("link", { name: `Open key ${second}` }).click();
  await expect(page).toHaveURL(new RegExp(`/credentials/${id}$`));

  // The first key, now free, registers beside it as a credential of its own, for the same user.
  const beside = await registerKeyThroughForm(page, emulatorIssuer, generatedKeyFile(first));
  expect(beside.status(), await beside.text()).toBe(201);
  const besideId = ((await beside.json()) as { id: string }).id;
  expect(besideId).not.toBe(id);
  await credentialsPage.expectDetail(`key ${first}`);
  await expect(page.getByRole("region", { name: "Credential" }).getByTestId("credential-client-id")).toHaveText(KEY_USER_ID);
});

test("a PAT token test never says OK for what it did not check: an opaque PAT, expired or not, reads 'not checked'", async ({
  page,
  api,
  detailPage,
  emulatorIssuer,
}) => {
  const { valid, expired } = demoPats();
  const expiredId = await registerKind(api, {
    kind: "pat",
    label: `Expired PAT ${uniqueSuffix()}`,
    issuer: emulatorIssuer,
    token: expired,
  });
  await detailPage.goto(expiredId);
  await detailPage.testToken();
  const history = detailPage.historyRows().filter({ hasText: "Token test" }).first();
  await expect(history).toBeVisible();
  await expect(history).not.toContainText("OK");

  const validId = await registerKind(api, { kind: "pat", label: `Valid PAT ${uniqueSuffix()}`, issuer: emulatorIssuer, token: valid });
  await detailPage.goto(validId);
  await detailPage.testToken();
  await expect(detailPage.tokenPanel.getByTestId("pat-checked")).toContainText("was not checked");
  const validHistory = detailPage.historyRows().filter({ hasText: "Token test" }).first();
  await expect(validHistory).toContainText("Not checked: a PAT is sent as is");
  await expect(page.getByRole("region", { name: "Test history" })).not.toContainText(/Token test\s*OK/);
});

test("an expired PAT whose expiry the console knows: the token test fails with the expiry, without sending it", async ({
  api,
  detailPage,
  emulatorIssuer,
}) => {
  const claims = { sub: demoPats().userId, exp: Math.floor(Date.parse("2025-01-01T00:00:00Z") / 1000) };
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const jwt = [part({ alg: "RS256", typ: "JWT" }), part(claims), "c2lnbmF0dXJl"].join(".");
  const id = await registerKind(api, { kind: "pat", label: `Expired JWT PAT ${uniqueSuffix()}`, issuer: emulatorIssuer, token: jwt });
  await detailPage.goto(id);
  await detailPage.testToken();
  await expect(detailPage.tokenDiagnosis()).toContainText("The personal access token has expired");
  await expect(detailPage.historyRows().filter({ hasText: "Token test" }).first()).toContainText("PAT expired");
});

for (const width of [1280, 390]) {
  test(`a failing token test shows its diagnosis once, with one Fix button, and first on the page at ${width} px`, async ({
    page,
    api,
    detailPage,
    emulatorIssuer,
  }) => {
    await page.setViewportSize({ width, height: 900 });
    const id = await registerCredential(api, {
      label: `ACME reporter, stale secret ${uniqueSuffix()}`,
      issuer: emulatorIssuer,
      clientId: DEMO_USERS.reporter.clientId.toUpperCase(),
      clientSecret: "Rep0rterOldSecretRotatedAway2025x",
    });
    await detailPage.goto(id);
    await expect(detailPage.orgDiagnosis()).toHaveAttribute("data-code", "invalid_secret", { timeout: 20_000 });
    await detailPage.testToken();
    await expect(detailPage.tokenDiagnosis()).toContainText("Wrong client secret");
    await expect(detailPage.orgPanel.getByTestId("org-same-cause")).toContainText("Wrong client secret");
    await expect(page.locator("[data-code]")).toHaveCount(1);
    await expect(page.getByRole("button", { name: "Fix it for me" })).toHaveCount(1);

    const diagnosis = await box(detailPage.tokenDiagnosis());
    const facts = await box(page.getByRole("region", { name: "Credential" }));
    if (width === 390) {
      // Stacked: the diagnosis comes before the credential's facts, within the first two screens.
      expect(diagnosis.y).toBeLessThan(facts.y);
      expect(diagnosis.y).toBeLessThan(1800);
    } else {
      // Side by side: the token panel's diagnosis and the org panel's pointer to it share a row.
      const pointer = await box(detailPage.orgPanel.getByTestId("org-same-cause"));
      expect(pointer.x).toBeGreaterThan(diagnosis.x + diagnosis.width - 1);
    }
  });
}

test("a numeric client ID is saved only once the operator confirms it is meant", async ({ page, credentialsPage, emulatorIssuer }) => {
  const label = `Numeric id ${uniqueSuffix()}`;
  await credentialsPage.gotoNew();
  await credentialsPage.fill({ label, issuer: emulatorIssuer, clientId: "300000000000000077", clientSecret: "a-client-secret-value" });
  const posts: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && new URL(request.url()).pathname === "/api/credentials") posts.push(request.url());
  });
  await credentialsPage.submitNew();
  const warning = page.getByRole("alert").filter({ hasText: "This looks like a numeric user ID" });
  await expect(warning).toContainText("Confirm the client ID above, or change it, to save.");
  await expect(page.getByLabel("This is the user name: save it anyway")).toBeFocused();
  await expect(page).toHaveURL(/\/credentials\/new$/);
  expect(posts, "nothing was sent").toHaveLength(0);

  await page.getByLabel("This is the user name: save it anyway").check();
  await credentialsPage.submitNew();
  await credentialsPage.expectDetail(label);
});
