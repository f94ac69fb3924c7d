import type { APIResponse } from "@playwright/test";
import { expect, test } from "../fixtures";
import { signInThroughZitadel, DEMO_OPERATORS } from "../support/sign-in";

// What every response says on the wire: nothing of the app may be cached but build output and public files,
// methods the app does not speak are refused with 405 (never a 500), and search engines are asked to stay away.

const origin = () => process.env.E2E_APP_ORIGIN ?? "http://localhost:3100";
const isStatic = (url: string) => /\/_next\/static\/|\/favicon\.svg$|\/robots\.txt$/.test(new URL(url).pathname);

function cacheControlOf(response: APIResponse): string {
  return response.headers()["cache-control"] ?? "(none)";
}

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("every response of signing in and out says no-store, the callback that sets the session included", async ({ page }) => {
    const seen: { method: string; path: string; status: number; cacheControl: string; setsSession: boolean }[] = [];
    const pending: Promise<void>[] = [];
    page.on("response", (response) => {
      if (!response.url().startsWith(origin()) || isStatic(response.url())) return;
      pending.push(
        response.allHeaders().then((headers) => {
          seen.push({
            method: response.request().method(),
            path: new URL(response.url()).pathname,
            status: response.status(),
            cacheControl: headers["cache-control"] ?? "(none)",
            setsSession: /next-auth\.session-token=[^;]+/.test(headers["set-cookie"] ?? ""),
          });
        }),
      );
    });
    await page.goto("/credentials");
    await signInThroughZitadel(page, DEMO_OPERATORS.viewer);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    await Promise.all(pending);

    const paths = seen.map((entry) => `${entry.method} ${entry.path}`);
    for (const route of [
      "GET /api/auth/providers",
      "GET /api/auth/csrf",
      "POST /api/auth/signin/zitadel",
      "GET /api/auth/callback/zitadel",
      "POST /api/auth/signout",
    ]) {
      expect(paths).toContain(route);
    }
    expect(seen.find((entry) => entry.path === "/api/auth/callback/zitadel")).toMatchObject({ status: 302, setsSession: true });
    expect(seen.filter((entry) => !entry.cacheControl.includes("no-store"))).toEqual([]);
  });

  test("next-auth's routes, redirects, pages and Next's own 405s all say no-store", async ({ request }) => {
    const responses: [string, APIResponse][] = [
      ["GET /api/auth/session", await request.get("/api/auth/session")],
      ["GET /api/auth/csrf", await request.get("/api/auth/csrf")],
      ["GET /api/auth/providers", await request.get("/api/auth/providers")],
      ["GET /api/auth/signout", await request.get("/api/auth/signout")],
      ["GET /credentials", await request.get("/credentials", { maxRedirects: 0 })],
      ["GET /login", await request.get("/login")],
      ["PUT /api/health", await request.put("/api/health")],
      ["DELETE /api/credentials/tags", await request.delete("/api/credentials/tags", { headers: { Origin: origin() } })],
      ["PATCH /api/auth/session", await request.patch("/api/auth/session")],
    ];
    const statuses = Object.fromEntries(responses.map(([name, response]) => [name, response.status()]));
    expect(statuses).toMatchObject({
      "GET /credentials": 307,
      "PUT /api/health": 405,
      "DELETE /api/credentials/tags": 405,
      "PATCH /api/auth/session": 405,
    });
    for (const [name, response] of responses) expect(cacheControlOf(response), name).toContain("no-store");
  });

  test("build output and public files stay cacheable", async ({ page, request }) => {
    const scripts: string[] = [];
    page.on("response", (response) => {
      if (new URL(response.url()).pathname.startsWith("/_next/static/")) scripts.push(response.url());
    });
    await page.goto("/login");
    await page.waitForLoadState("networkidle");
    expect(scripts.length).toBeGreaterThan(0);
    const asset = await request.get(scripts[0]!);
    expect(asset.status()).toBe(200);
    expect(cacheControlOf(asset)).toContain("immutable");
    for (const file of ["/favicon.svg", "/robots.txt"]) {
      expect(cacheControlOf(await request.get(file)), file).not.toContain("no-store");
    }
  });

  test("TRACE and other methods the app does not speak answer 405 on every kind of path", async ({ page, request }) => {
    await page.goto("/login");
    const script = await page.locator("script[src^='/_next/static/']").first().getAttribute("src");
    const cases: [string, string, string][] = [
      ["TRACE", "/", "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"],
      ["TRACE", "/login", "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"],
      ["TRACE", "/credentials", "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"],
      ["TRACE", "/api/health", "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"],
      ["TRACE", "/api/auth/session", "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"],
      ["PROPFIND", "/credentials", "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"],
      ["PURGE", "/api/credentials", "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"],
      ["TRACE", script!, "GET, HEAD"],
      ["POST", script!, "GET, HEAD"],
      ["POST", "/robots.txt", "GET, HEAD"],
    ];
    for (const [method, path, allow] of cases) {
      const response = await request.fetch(path, { method, maxRedirects: 0 });
      expect(response.status(), `${method} ${path}`).toBe(405);
      expect(response.headers()["allow"], `${method} ${path}`).toBe(allow);
      expect(response.headers()["cache-control"], `${method} ${path}`).toBe("no-store");
      expect(await response.json()).toMatchObject({ error: { code: "method_not_allowed" } });
    }
    expect((await request.get("/api/health")).status()).toBe(200);
  });

  test("robots.txt and a header ask search engines to stay away; the favicon is our own", async ({ page, request }) => {
    const robots = await request.get("/robots.txt");
    expect(robots.status()).toBe(200);
    expect(await robots.text()).toMatch(/^User-agent: \*\r?\nDisallow: \/\r?$/m);
    const login = await page.goto("/login");
    expect((await login!.allHeaders())["x-robots-tag"]).toContain("noindex");
    const icon = page.locator("link[rel='icon']");
    await expect(icon).toHaveAttribute("href", "/favicon.svg");
    const favicon = await request.get("/favicon.svg");
    expect(favicon.status()).toBe(200);
    expect(favicon.headers()["content-type"]).toContain("image/svg+xml");
    expect(await favicon.text()).toContain("<svg");
  });
});
