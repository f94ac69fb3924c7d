import { demoPats, keyFile, keyFileText, keyFileUpload } from "../diagnostics/demo-kinds";
import { expect, test } from "../fixtures";
import { uniqueSuffix } from "../pages/credentials-page";
import { collectResponses, databaseFileContents, expectNowhere } from "../support/secret-leak";

// Secrets are write-only (docs/security.md#write-only-secrets): once registered, the plaintext of a client secret, a
// key file's private key or a personal access token must not come back in any API answer, page, bundle, database file
// or server log line.

test("a registered secret appears in no API response, page, static bundle or database file", async ({
  page,
  credentialsPage,
  emulatorIssuer,
}) => {
  const suffix = uniqueSuffix();
  const secret = `LeakCanary${suffix}Qw7Er9Ty1Ui3Op5As`;
  const replacement = `LeakCanaryTwo${suffix}Zx8Cv6Bn4Ml2Kj0`;
  const secrets = [secret, replacement];

  // Every response the browser receives while the operator registers and replaces the secret.
  const responseBodies = collectResponses(page);

  const id = await credentialsPage.register({
    label: `Leak check ${suffix}`,
    issuer: emulatorIssuer,
    clientId: `leak-sa-${suffix}`,
    clientSecret: secret,
  });
  await credentialsPage.replaceSecret(replacement);
  await expect(credentialsPage.secretHint()).toContainText(`••••${replacement.slice(-4)}`);

  await expectNowhere(page, secrets, {
    apiPaths: [`/api/credentials?search=leak-sa-${suffix}`, `/api/credentials/${id}`, `/api/audit?credentialId=${id}`],
    pagePaths: [`/credentials/${id}`, `/credentials/${id}/edit`],
    responses: responseBodies,
  });
  const detail = await (await page.request.get(`/api/credentials/${id}`)).json();
  expect(detail).toMatchObject({ hasSecret: true, secretHint: `••••${replacement.slice(-4)}` });
  expect(Object.keys(detail)).not.toContain("clientSecret");

  // The credential really is there (so the check above looked at the right files): its client ID is stored in clear.
  expect(databaseFileContents().some((bytes) => bytes.includes(`leak-sa-${suffix}`))).toBe(true);
});

test("a registered private key and personal access token appear in no API response, page, static bundle, database file or log", async ({
  page,
  credentialsPage,
  detailPage,
  emulatorIssuer,
}) => {
  const suffix = uniqueSuffix();
  const { key } = keyFile("acme-retired");
  const pat = demoPats().valid;
  // The PEM as written, and a stretch of its base64 body: found even if a line break were escaped or dropped.
  const keyBody = key.replace(/-----[A-Z ]+-----/g, "").replace(/\s+/g, "");
  const secrets = [key, keyBody.slice(100, 160), pat];
  const responseBodies = collectResponses(page);

  await credentialsPage.gotoNew();
  await credentialsPage.chooseKind("Key file");
  await credentialsPage.pickKeyFile(keyFileUpload("acme-retired"));
  await credentialsPage.fill({ label: `Leak check key ${suffix}`, issuer: emulatorIssuer });
  const [created] = await Promise.all([
    page.waitForResponse((response) => response.request().method() === "POST" && new URL(response.url()).pathname === "/api/credentials"),
    credentialsPage.submitNew(),
  ]);
  const answer = await created.json();
  // acme-retired's key may be registered already (the accessibility spec shows its page): then it is put in again.
  const keyId: string = created.status() === 409 ? answer.error.conflict.credentialId : answer.id;
  if (created.status() === 409) {
    await page.goto(`/credentials/${keyId}`);
    await credentialsPage.replaceMaterial("key", keyFileText("acme-retired"));
  }
  await expect(page).toHaveURL(new RegExp(`/credentials/${keyId}`));
  await detailPage.testToken();

  await credentialsPage.gotoNew();
  await credentialsPage.chooseKind("Personal access token");
  await credentialsPage.fill({ label: `Leak check PAT ${suffix}`, issuer: emulatorIssuer });
  await page.getByLabel("Personal access token", { exact: true }).fill(pat);
  await credentialsPage.submitNew();
  await credentialsPage.expectDetail(`Leak check PAT ${suffix}`);
  const patId = /\/credentials\/([0-9a-f-]{36})/.exec(page.url())![1]!;
  await expect(detailPage.orgName()).toHaveText("ACME Corporation");
  await detailPage.testToken();
  await detailPage.introspect();
  await expect(
    detailPage
      .introspection()
      .getByTestId("introspection-result")
      .or(detailPage.introspection().getByTestId("introspection-not-configured")),
  ).toBeVisible();

  await expectNowhere(page, secrets, {
    apiPaths: [
      `/api/credentials/${keyId}`,
      `/api/credentials/${patId}`,
      `/api/credentials/${patId}/tests`,
      `/api/audit?credentialId=${patId}`,
    ],
    pagePaths: [`/credentials/${keyId}`, `/credentials/${patId}`, `/credentials/${patId}/edit`],
    responses: responseBodies,
  });
  const patDetail = await (await page.request.get(`/api/credentials/${patId}`)).json();
  expect(patDetail).toMatchObject({ kind: "pat", hasSecret: true, secretHint: expect.stringContaining(pat.slice(-4)) });
  const keyDetail = await (await page.request.get(`/api/credentials/${keyId}`)).json();
  expect(keyDetail).toMatchObject({ kind: "jwt_profile", key: { keyId: keyFile("acme-retired").keyId } });
  for (const detail of [patDetail, keyDetail]) {
    for (const field of ["keyFile", "token", "clientSecret"]) expect(Object.keys(detail)).not.toContain(field);
    expect(Object.keys(detail.key ?? {})).not.toContain("key");
  }
  expect(databaseFileContents().some((bytes) => bytes.includes(`Leak check PAT ${suffix}`))).toBe(true);
});
