import { DEFAULT_SCOPES } from "../../lib/schemas/credential";
import { expect, test } from "../fixtures";
import { INTROSPECTOR, KEY_BOT, ensureIntrospectionClient, keyFile, keyFileText, keyFileUpload, registerKind } from "./demo-kinds";
import { uniqueSuffix } from "../pages/credentials-page";

// acme-key-bot signs in with a key file (JWT profile). A key's user is one credential per issuer, so everything about
// this user runs here, in order: the key registered through the form, its token introspected with and without the
// API project's audience, then its expired key.

test.describe.configure({ mode: "serial" });

const healthy = keyFile("acme-key-bot");
let credentialId: string;

test("a key file registered through the form: key id, user, fingerprint and expiry, never the key; the token works and finds ACME", async ({
  page,
  credentialsPage,
  detailPage,
  emulatorIssuer,
}) => {
  await credentialsPage.gotoNew();
  await credentialsPage.chooseKind("Key file");
  await expect(credentialsPage.field("clientSecret"), "a key needs no client secret").toHaveCount(0);
  await credentialsPage.pickKeyFile(keyFileUpload("acme-key-bot"));
  const preview = page.getByTestId("key-file-preview");
  await expect(preview.getByTestId("key-file-key-id")).toHaveText(healthy.keyId);
  await expect(preview.getByTestId("key-file-user-id")).toHaveText(healthy.userId!);
  await expect(preview.getByTestId("key-file-expiry")).toContainText("2099");
  expect(await page.content(), "the form never shows the private key").not.toContain("PRIVATE KEY");

  await credentialsPage.fill({ label: `ACME key bot ${uniqueSuffix()}`, issuer: emulatorIssuer });
  const [created] = await Promise.all([
    page.waitForResponse((response) => response.request().method() === "POST" && new URL(response.url()).pathname === "/api/credentials"),
    credentialsPage.submitNew(),
  ]);
  const answer = await created.json();
  if (created.status() === 409) {
    // A rerun against a kept database: the user is registered, so put this key there.
    credentialId = answer.error.conflict.credentialId;
    await page.goto(`/credentials/${credentialId}`);
    await credentialsPage.replaceMaterial("key", keyFileText("acme-key-bot"));
  } else {
    expect(created.status(), JSON.stringify(answer)).toBe(201);
    credentialId = answer.id;
    await expect(detailPage.banner()).toContainText("Credential registered.");
  }

  const facts = page.getByRole("region", { name: "Credential" });
  await expect(facts).toContainText("Key file (JWT profile)");
  await expect(facts.getByTestId("credential-client-id")).toHaveText(healthy.userId!);
  await expect(facts.getByTestId("credential-key-id")).toHaveText(healthy.keyId);
  await expect(facts.getByTestId("credential-key-fingerprint")).not.toBeEmpty();
  await expect(facts.getByTestId("credential-expires-at")).toContainText("2099");
  await expect(facts.getByTestId("credential-expiry"), "a key valid until 2099 earns no badge").toHaveCount(0);
  await expect(page.getByRole("button", { name: "Replace key" })).toBeEnabled();

  await expect(detailPage.orgName()).toHaveText(KEY_BOT.orgName);
  await detailPage.testToken();
  await expect(detailPage.tokenPanel.getByTestId("token-result")).toContainText("Token issued");
  await expect(detailPage.tokenPanel).toContainText("JWT bearer grant");
  await detailPage.openExchange();
  const assertion = page.getByTestId("exchange-assertion");
  await expect(assertion).toContainText(healthy.keyId);
  await expect(assertion).toContainText(`"iss": "${healthy.userId}"`);
  await expect(assertion).toContainText(`"aud": "${emulatorIssuer}"`);
  expect(await page.content(), "the page never shows the private key").not.toContain("PRIVATE KEY");
});

test("its opaque token, introspected with the default scopes: not active, because its audience lacks the API's project", async ({
  page,
  api,
  detailPage,
  emulatorIssuer,
}) => {
  await ensureIntrospectionClient(page, emulatorIssuer);
  const id = await registerKind(api, {
    kind: "jwt_profile",
    label: "ACME key bot",
    issuer: emulatorIssuer,
    keyFile: keyFileText("acme-key-bot"),
    scopes: DEFAULT_SCOPES,
  });
  await detailPage.goto(id);
  await detailPage.testToken();
  await expect(detailPage.tokenKind()).toHaveText("Opaque");
  const response = await detailPage.introspect();
  expect(await response.json()).toMatchObject({ configured: true, outcome: "inactive" });
  const section = detailPage.introspection();
  await expect(section.getByTestId("introspection-active")).toHaveText("Not active");
  const diagnosis = section.getByTestId("introspection-diagnosis");
  await expect(diagnosis).toContainText("audience does not include the introspecting application's project");
  await expect(diagnosis).toContainText("urn:zitadel:iam:org:project:id:");
  await expect(diagnosis).toContainText(INTROSPECTOR.clientId);
});

test("with the API project's audience scope, the same token introspects active, with its claims", async ({
  page,
  api,
  detailPage,
  emulatorIssuer,
}) => {
  await ensureIntrospectionClient(page, emulatorIssuer);
  const id = await registerKind(api, {
    kind: "jwt_profile",
    label: "ACME key bot",
    issuer: emulatorIssuer,
    keyFile: keyFileText("acme-key-bot"),
    scopes: `${DEFAULT_SCOPES} ${INTROSPECTOR.audScope}`,
  });
  await detailPage.goto(id);
  await detailPage.testToken();
  const response = await detailPage.introspect();
  expect(await response.json()).toMatchObject({ configured: true, outcome: "active", claims: { active: true } });
  const section = detailPage.introspection();
  await expect(section.getByTestId("introspection-active")).toHaveText("Active");
  await expect(section.getByRole("list", { name: "Introspected audience" })).toContainText(INTROSPECTOR.projectId);
  await expect(section).toContainText(healthy.userId!);
  await expect(section.getByTestId("introspection-diagnosis")).toHaveCount(0);
});

test("the key registered under another spelling of the issuer (127.0.0.1 for localhost): no ZITADEL instance answers there", async ({
  api,
  detailPage,
  emulatorIssuer,
}) => {
  // ZITADEL picks its instance by host, so a misspelt issuer fails before any assertion is checked; the console
  // refuses an issuer whose discovery document names another one, so a wrong `aud` cannot be sent from here.
  const misspelt = emulatorIssuer.replace("localhost", "127.0.0.1");
  const id = await registerKind(api, {
    kind: "jwt_profile",
    label: "ACME key bot, misspelt issuer",
    issuer: misspelt,
    keyFile: keyFileText("acme-key-bot"),
  });
  await detailPage.goto(id);
  await detailPage.testToken();
  const diagnosis = detailPage.tokenDiagnosis();
  await expect(diagnosis).toContainText("No ZITADEL instance at this address");
  await expect(diagnosis).toContainText("Instance not found");
});

test("the expired key, put in with Replace key: Expired beside it and in the list, and the diagnosis names the expiry", async ({
  page,
  api,
  credentialsPage,
  detailPage,
  emulatorIssuer,
}) => {
  const expired = keyFile("acme-key-bot-expired");
  const id = await registerKind(api, {
    kind: "jwt_profile",
    label: "ACME key bot",
    issuer: emulatorIssuer,
    keyFile: keyFileText("acme-key-bot"),
  });
  await detailPage.goto(id);
  await credentialsPage.replaceMaterial("key", keyFileText("acme-key-bot-expired"));
  await expect(detailPage.banner()).toContainText("Key replaced.");
  const facts = page.getByRole("region", { name: "Credential" });
  await expect(facts.getByTestId("credential-key-id")).toHaveText(expired.keyId);
  await expect(facts.getByTestId("credential-expiry")).toHaveText("Expired");

  await detailPage.testToken();
  const diagnosis = detailPage.tokenDiagnosis();
  await expect(diagnosis).toBeVisible();
  await expect(diagnosis).toContainText(/expired/i);
  await expect(diagnosis).toContainText("2025");
  // ZITADEL's 500 names no cause: the console lists them, the audience first, and marks what it checked itself.
  const checks = diagnosis.getByTestId("diagnosis-checks");
  await expect(checks.locator('[data-check="audience"]')).toHaveAttribute("data-result", "passed");
  await expect(checks.locator('[data-check="key_expiry"]')).toHaveAttribute("data-result", "failed");
  await expect(checks.locator('[data-check="key_expiry"]')).toContainText("Found");

  await credentialsPage.gotoList();
  await credentialsPage.search(healthy.userId!);
  const row = credentialsPage.rowOf(id);
  await expect(row.getByTestId("credential-kind")).toHaveText("Key file");
  await expect(row.getByTestId("credential-expiry")).toHaveText("Expired");
  // Leave the healthy key in place for a rerun of this file against a kept database.
  await registerKind(api, { kind: "jwt_profile", label: "ACME key bot", issuer: emulatorIssuer, keyFile: keyFileText("acme-key-bot") });
});
