import { expect, test } from "../fixtures";
import { CredentialDetailPage } from "../pages/credential-detail-page";
import { CredentialsPage } from "../pages/credentials-page";
import { ACME_ORG, DEMO_USERS, emulatorStats, registerCredential } from "./demo-credentials";

// The healthy opaque-token service user, end to end: org name, a live expiry, the cache, the audited reveal,
// and the cached token saving a round trip. Its wrong-secret twin lives here too, so the emulator's per-client
// counters are not disturbed by another worker.

const { clientId, secret } = DEMO_USERS.reporter;

test("acme-reporter: ACME Corporation, an opaque token whose expiry counts down, then served from the cache", async ({ page, emulatorIssuer }) => {
  const id = await registerCredential(page.request, { label: "ACME reporter", issuer: emulatorIssuer, clientId, clientSecret: secret });
  const detail = new CredentialDetailPage(page);
  await detail.goto(id);

  await expect(detail.orgName()).toHaveText(ACME_ORG.name);
  await expect(detail.orgPanel).toContainText(ACME_ORG.id);
  await expect(detail.orgPanel).toContainText("Active");

  await detail.testToken();
  await expect(detail.tokenPanel).toContainText("Token issued");
  await expect(detail.tokenKind()).toHaveText("Opaque");
  await expect(detail.tokenPanel).toContainText("Bearer");

  const first = await detail.secondsLeft();
  const firstText = await detail.countdown().textContent();
  await page.waitForTimeout(2_100);
  const second = await detail.secondsLeft();
  expect(second, "the expiry countdown ticks down").toBeLessThan(first);
  expect(first - second).toBeLessThanOrEqual(4);
  await expect(detail.countdown()).not.toHaveText(firstText ?? "");

  await detail.testToken();
  await expect(detail.freshness()).toHaveText(/^cached, \d+ min left$/);
  await expect(detail.historyRows().first()).toContainText("Token test");
  await expect(detail.historyRows().first()).toContainText("cached");
});

test("acme-reporter: a second org lookup within the token's life makes no token request", async ({ page, emulatorIssuer }) => {
  const id = await registerCredential(page.request, { label: "ACME reporter", issuer: emulatorIssuer, clientId, clientSecret: secret });
  const detail = new CredentialDetailPage(page);
  await detail.goto(id);
  await expect(detail.orgName()).toHaveText(ACME_ORG.name);

  const before = await emulatorStats(page.request, emulatorIssuer);
  const response = await detail.refreshOrg();
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ outcome: "ok", tokenCached: true });
  const after = await emulatorStats(page.request, emulatorIssuer);

  expect(after.token.byClient[clientId] ?? 0, "no token request").toBe(before.token.byClient[clientId] ?? 0);
  expect(after.orgsMe.byClient[clientId] ?? 0, "one more orgs/me call").toBeGreaterThan(before.orgsMe.byClient[clientId] ?? 0);
  await expect(detail.orgTokenSource()).toHaveText("token cached");
  await expect(detail.orgName()).toHaveText(ACME_ORG.name);
});

test("acme-reporter: revealing the token shows it, hides it again and is audited as token.reveal", async ({ page, emulatorIssuer }) => {
  const id = await registerCredential(page.request, { label: "ACME reporter", issuer: emulatorIssuer, clientId, clientSecret: secret });
  const detail = new CredentialDetailPage(page);
  await detail.goto(id);
  await detail.testToken();
  await expect(detail.tokenKind()).toHaveText("Opaque");
  const masked = (await detail.tokenPanel.getByText(/…/).first().textContent()) ?? "";
  const [head, tail] = masked.split("…");

  const token = (await detail.revealToken()).trim();
  expect(token.length).toBeGreaterThan(20);
  expect(token.startsWith(head ?? "-")).toBe(true);
  expect(token.endsWith(tail ?? "-")).toBe(true);
  await detail.hideToken();
  expect(await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + location.href)).not.toContain(token);

  const audit = await page.request.get(`/api/audit?credentialId=${id}`);
  const body = await audit.text();
  expect(audit.headers()["cache-control"]).toContain("no-store");
  expect(JSON.parse(body).items).toContainEqual(expect.objectContaining({ action: "token.reveal", outcome: "success", credentialId: id }));
  expect(body).not.toContain(token);
});

test("acme-reporter with a wrong secret: the wrong or rotated secret explanation", async ({ page, emulatorIssuer }) => {
  // ZITADEL matches client IDs (user names) case-insensitively: the same service user, another registry entry.
  const id = await registerCredential(page.request, {
    label: "ACME reporter, old secret",
    issuer: emulatorIssuer,
    clientId: "ACME-Reporter",
    clientSecret: "Rep0rterOldSecretRotatedAway2025x",
  });
  const detail = new CredentialDetailPage(page);
  await detail.goto(id);
  await detail.testToken();
  const diagnosis = detail.tokenDiagnosis();
  await expect(diagnosis).toContainText("Wrong client secret");
  await expect(diagnosis).toContainText("regenerated in ZITADEL");
  await expect(diagnosis).toContainText("Generate Client Secret");
  await expect(diagnosis).toContainText("HTTP 400");
  await expect(diagnosis).toContainText("Errors.User.Machine.Secret.Invalid");
  await expect(detail.orgDiagnosis()).toContainText("Wrong client secret");

  // The fix: replace the secret here. The old verdict goes away and the org is looked up again with the new one.
  await new CredentialsPage(page).replaceSecret(secret);
  await expect(diagnosis).toBeHidden();
  await expect(detail.orgName()).toHaveText(ACME_ORG.name);
});
