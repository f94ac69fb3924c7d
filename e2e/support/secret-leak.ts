import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { expect, type Page } from "@playwright/test";

// What the leak specs share: every place a secret must never reach once the console holds it (docs/security.md#write-only-secrets)
// — the API's answers, the pages (HTML and DOM), what the browser received, the static bundles, the database files
// and the server log.

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Every response the browser receives from now on, with its body. */
export function collectResponses(page: Page): Promise<{ url: string; body: string }>[] {
  const bodies: Promise<{ url: string; body: string }>[] = [];
  page.on("response", (response) => {
    bodies.push(
      response.text().then(
        (body) => ({ url: response.url(), body }),
        () => ({ url: response.url(), body: "" }), // redirects have no body
      ),
    );
  });
  return bodies;
}

export function databaseFileContents(): Buffer[] {
  const sqlitePath = process.env.E2E_SQLITE_PATH;
  expect(sqlitePath, "playwright.config.ts sets E2E_SQLITE_PATH").toBeTruthy();
  const files = [sqlitePath!, `${sqlitePath}-wal`, `${sqlitePath}-shm`].filter((file) => existsSync(file));
  expect(files).toContain(sqlitePath);
  return files.map((file) => readFileSync(file));
}

export interface Places {
  apiPaths: string[];
  pagePaths: string[];
  responses: Promise<{ url: string; body: string }>[];
}

/** None of `secrets` in the API's answers, the pages (HTML and DOM), what the browser received, the bundles, the database or the server log. */
export async function expectNowhere(page: Page, secrets: string[], places: Places) {
  const apiPaths = [
    "/api/credentials",
    ...places.apiPaths,
    "/api/credentials/export?format=json",
    "/api/credentials/export?format=csv",
    "/api/audit",
  ];
  for (const path of apiPaths) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()["cache-control"], path).toContain("no-store");
    const body = await response.text();
    for (const value of secrets) expect(body.includes(value), `${path} must not contain the secret`).toBe(false);
  }

  for (const path of ["/credentials", ...places.pagePaths, "/credentials/import", "/audit"]) {
    const response = await page.goto(path);
    const html = (await response?.text()) ?? "";
    await page.waitForLoadState("networkidle");
    const dom = await page.content();
    for (const value of secrets) {
      expect(html.includes(value), `${path} HTML must not contain the secret`).toBe(false);
      expect(dom.includes(value), `${path} DOM must not contain the secret`).toBe(false);
    }
  }

  for (const { url, body } of await Promise.all(places.responses)) {
    for (const value of secrets) expect(body.includes(value), `response from ${url} must not contain the secret`).toBe(false);
  }

  const bundles = filesUnder(join(process.cwd(), ".next", "static"));
  expect(bundles.length, "the built app's static files are on disk").toBeGreaterThan(0);
  for (const file of bundles) {
    const bytes = readFileSync(file);
    for (const value of secrets) expect(bytes.includes(value), `${file} must not contain the secret`).toBe(false);
  }

  for (const bytes of databaseFileContents()) {
    for (const value of secrets) expect(bytes.includes(value), "the database files must not contain the secret").toBe(false);
  }
  const serverLog = process.env.E2E_SERVER_LOG;
  expect(serverLog && existsSync(serverLog), "playwright.config.ts keeps the server's output in E2E_SERVER_LOG").toBe(true);
  const logText = readFileSync(serverLog!, "utf8");
  expect(logText, "the server log has lines").toContain("m2m-console");
  for (const value of secrets) expect(logText.includes(value), "the server log must not contain the secret").toBe(false);
}
