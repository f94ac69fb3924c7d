import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "../fixtures";
import { uniqueSuffix } from "../pages/credentials-page";

// Secrets are write-only (docs/security.md#write-only-secrets): once registered, the plaintext must not come back
// in any API answer, page, bundle, database file or server log line.

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

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
  const responseBodies: Promise<{ url: string; body: string }>[] = [];
  page.on("response", (response) => {
    responseBodies.push(
      response.text().then(
        (body) => ({ url: response.url(), body }),
        () => ({ url: response.url(), body: "" }), // redirects have no body
      ),
    );
  });

  const id = await credentialsPage.register({
    label: `Leak check ${suffix}`,
    issuer: emulatorIssuer,
    clientId: `leak-sa-${suffix}`,
    clientSecret: secret,
  });
  await credentialsPage.replaceSecret(replacement);
  await expect(credentialsPage.secretHint()).toContainText(`••••${replacement.slice(-4)}`);

  const apiPaths = [
    "/api/credentials",
    `/api/credentials?search=leak-sa-${suffix}`,
    `/api/credentials/${id}`,
    "/api/credentials/export?format=json",
    "/api/credentials/export?format=csv",
    `/api/audit?credentialId=${id}`,
    "/api/audit",
  ];
  for (const path of apiPaths) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()["cache-control"], path).toContain("no-store");
    const body = await response.text();
    for (const value of secrets) expect(body.includes(value), `${path} must not contain the secret`).toBe(false);
  }
  const detail = await (await page.request.get(`/api/credentials/${id}`)).json();
  expect(detail).toMatchObject({ hasSecret: true, secretHint: `••••${replacement.slice(-4)}` });
  expect(Object.keys(detail)).not.toContain("clientSecret");

  for (const path of ["/credentials", `/credentials/${id}`, `/credentials/${id}/edit`, "/credentials/import", "/audit"]) {
    const response = await page.goto(path);
    const html = (await response?.text()) ?? "";
    await page.waitForLoadState("networkidle");
    const dom = await page.content();
    for (const value of secrets) {
      expect(html.includes(value), `${path} HTML must not contain the secret`).toBe(false);
      expect(dom.includes(value), `${path} DOM must not contain the secret`).toBe(false);
    }
  }

  for (const { url, body } of await Promise.all(responseBodies)) {
    for (const value of secrets) expect(body.includes(value), `response from ${url} must not contain the secret`).toBe(false);
  }

  const bundles = filesUnder(join(process.cwd(), ".next", "static"));
  expect(bundles.length, "the built app's static files are on disk").toBeGreaterThan(0);
  for (const file of bundles) {
    const bytes = readFileSync(file);
    for (const value of secrets) expect(bytes.includes(value), `${file} must not contain the secret`).toBe(false);
  }

  const sqlitePath = process.env.E2E_SQLITE_PATH;
  expect(sqlitePath, "playwright.config.ts sets E2E_SQLITE_PATH").toBeTruthy();
  const databaseFiles = [sqlitePath!, `${sqlitePath}-wal`, `${sqlitePath}-shm`].filter((file) => existsSync(file));
  expect(databaseFiles).toContain(sqlitePath);
  for (const file of databaseFiles) {
    const bytes = readFileSync(file);
    for (const value of secrets) expect(bytes.includes(value), `${file} must not contain the secret`).toBe(false);
  }
  const serverLog = process.env.E2E_SERVER_LOG;
  expect(serverLog && existsSync(serverLog), "playwright.config.ts keeps the server's output in E2E_SERVER_LOG").toBe(true);
  const logText = readFileSync(serverLog!, "utf8");
  expect(logText, "the server log has lines").toContain("m2m-console");
  for (const value of secrets) expect(logText.includes(value), "the server log must not contain the secret").toBe(false);

  // The credential really is there (so the check above looked at the right file): its client ID is stored in clear.
  expect(databaseFiles.some((file) => readFileSync(file).includes(`leak-sa-${suffix}`))).toBe(true);
});
