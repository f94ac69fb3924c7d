import { expect, test } from "../fixtures";
import { ACME_ORG, DEMO_USERS, emulatorStats, registerCredential } from "./demo-credentials";

// The healthy opaque-token service user, end to end: org name, a live expiry, the cache, the audited reveal,
// and the cached token saving a round trip. Its wrong-secret twin lives here too, so the emulator's per-client
// counters are not disturbed by another worker.

const { clientId, secret } = DEMO_USERS.reporter;

test("acme-reporter: ACME Corporation, an opaque token whose expiry counts down, and every Test token asks ZITADEL", async ({
  page,
  api,
  detailPage,
  emulatorIssuer,
}) => {
  const id = await registerCredential(api, { label: "ACME reporter", issuer: emulatorIssuer, clientId, clientSecret: secret });
  await detailPage.goto(id);

  await expect(detailPage.orgName()).toHaveText(ACME_ORG.name);
  await expect(detailPage.orgPanel).toContainText(ACME_ORG.id);
  await expect(detailPage.orgPanel).toContainText("Active");

  await detailPage.testToken();
  await expect(detailPage.tokenPanel).toContainText("Token issued");
  await expect(detailPage.tokenKind()).toHaveText("Opaque");
  await expect(detailPage.tokenPanel).toContainText("Bearer");

  const first = await detailPage.secondsLeft();
  const firstText = await detailPage.countdown().textContent();
  await page.waitForTimeout(2_100);
  const second = await detailPage.secondsLeft();
  expect(second, "the expiry countdown ticks down").toBeLessThan(first);
  expect(first - second).toBeLessThanOrEqual(4);
  await expect(detailPage.countdown()).not.toHaveText(firstText ?? "");

  // The second press within the token's life still asks ZITADEL: the operator wants to know whether the secret works now.
  const before = await emulatorStats(page.request, emulatorIssuer);
  const again = await detailPage.testToken();
  expect(await again.json()).toMatchObject({ outcome: "ok", cached: false, httpStatus: 200 });
  const after = await emulatorStats(page.request, emulatorIssuer);
  expect(after.token.byClient[clientId] ?? 0, "one more token request").toBe((before.token.byClient[clientId] ?? 0) + 1);
  await expect(detailPage.freshness()).toHaveText("fresh");
  await expect(detailPage.tokenPanel).not.toContainText("cached");
  await expect(detailPage.tokenPanel).not.toContainText(/\d+ min\b/);
  await expect(detailPage.countdown()).toHaveText(/^\d+ h \d{2} m \d{2} s$/);
  await expect(detailPage.tokenPanel.getByRole("button", { name: "Get a new token" }), "one primary action").toHaveCount(0);
  // The test is followed by an org lookup with its new token, so the newest row may be that lookup.
  await expect(detailPage.historyRows().filter({ hasText: "Token test" }).first()).toBeVisible();
});

test("acme-reporter: a second org lookup within the token's life makes no token request", async ({
  page,
  api,
  detailPage,
  emulatorIssuer,
}) => {
  const id = await registerCredential(api, { label: "ACME reporter", issuer: emulatorIssuer, clientId, clientSecret: secret });
  await detailPage.goto(id);
  await expect(detailPage.orgName()).toHaveText(ACME_ORG.name);

  const before = await emulatorStats(page.request, emulatorIssuer);
  const response = await detailPage.refreshOrg();
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ outcome: "ok", tokenCached: true });
  const after = await emulatorStats(page.request, emulatorIssuer);

  expect(after.token.byClient[clientId] ?? 0, "no token request").toBe(before.token.byClient[clientId] ?? 0);
  expect(after.orgsMe.byClient[clientId] ?? 0, "one more orgs/me call").toBeGreaterThan(before.orgsMe.byClient[clientId] ?? 0);
  await expect(detailPage.orgTokenSource()).toHaveText("token cached");
  await expect(detailPage.orgName()).toHaveText(ACME_ORG.name);
});

test("acme-reporter: revealing the token shows it, hides it again and is audited as token.reveal", async ({
  page,
  api,
  detailPage,
  emulatorIssuer,
}) => {
  const id = await registerCredential(api, { label: "ACME reporter", issuer: emulatorIssuer, clientId, clientSecret: secret });
  await detailPage.goto(id);
  await detailPage.testToken();
  await expect(detailPage.tokenKind()).toHaveText("Opaque");
  const masked = (await detailPage.tokenPanel.getByText(/…/).first().textContent()) ?? "";
  const [head, tail] = masked.split("…");

  const token = (await detailPage.revealToken()).trim();
  expect(token.length).toBeGreaterThan(20);
  expect(token.startsWith(head ?? "-")).toBe(true);
  expect(token.endsWith(tail ?? "-")).toBe(true);
  await detailPage.hideToken();
  expect(
    await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + location.href),
  ).not.toContain(token);

  const audit = await page.request.get(`/api/audit?credentialId=${id}`);
  const body = await audit.text();
  expect(audit.headers()["cache-control"]).toContain("no-store");
  expect(JSON.parse(body).items).toContainEqual(expect.objectContaining({ action: "token.reveal", outcome: "success", credentialId: id }));
  expect(body).not.toContain(token);
});

test("acme-reporter with a wrong secret: the wrong or rotated secret explanation", async ({
  api,
  credentialsPage,
  detailPage,
  emulatorIssuer,
}) => {
  // ZITADEL matches client IDs (user names) case-insensitively: the same service user, another registry entry.
  const id = await registerCredential(api, {
    label: "ACME reporter, old secret",
    issuer: emulatorIssuer,
    clientId: "ACME-Reporter",
    clientSecret: "Rep0rterOldSecretRotatedAway2025x",
  });
  await detailPage.goto(id);
  await detailPage.testToken();
  const diagnosis = detailPage.tokenDiagnosis();
  await expect(diagnosis).toContainText("Wrong client secret");
  await expect(diagnosis).toContainText("regenerated in ZITADEL");
  await expect(diagnosis).toContainText("Generate Client Secret");
  await expect(diagnosis).toContainText("HTTP 400");
  await expect(diagnosis).toContainText("Errors.User.Machine.Secret.Invalid");
  // The lookup failed for the same reason: it names it and points to the one diagnosis, without a second card.
  await expect(detailPage.orgPanel.getByTestId("org-same-cause")).toContainText("Wrong client secret");
  await expect(detailPage.orgDiagnosis()).toHaveCount(0);

  // The fix: replace the secret here. The old verdict goes away and the org is looked up again with the new one.
  await credentialsPage.replaceSecret(secret);
  await expect(diagnosis).toBeHidden();
  await expect(detailPage.orgName()).toHaveText(ACME_ORG.name);
});
