import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { APIRequestContext, APIResponse, Browser } from "@playwright/test";
import { expect, test, type Caller } from "../fixtures";
import { uniqueSuffix } from "../pages/credentials-page";
import { DEMO_OPERATORS, signInThroughZitadel, type DemoRole } from "../support/sign-in";

// Every API route × every kind of caller. The table says, independently of the app's code, which role each route
// needs; a route whose role is wrong (too open or too closed) fails here. Anonymous callers get 401, callers below the
// role 403 `forbidden`, the others the route's own answer: a 2xx, or a 4xx that only a caller past the role check can
// reach (a stale version, an invalid body). Every answer, refusals included, is as the API reference declares it. The
// routes run against a credential registered for this spec; DELETE last.

test.describe.configure({ mode: "serial" });

type Needs = "signed-in" | "viewer" | "operator" | "admin";
type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

interface Subject {
  credentialId: string;
  /** A personal access token ZITADEL does not know: introspecting it answers 200 whether or not an introspection client is set up. */
  patCredentialId: string;
  adminId: string;
}

interface Route {
  method: Method;
  /** As in app/api, with `:id` for a dynamic segment. */
  route: string;
  needs: Needs;
  /** The status a caller with the role gets. */
  allowed: number;
  path?: (subject: Subject) => string;
  body?: (subject: Subject, client: APIRequestContext) => Promise<unknown> | unknown;
  /** Checks on an allowed caller's answer. */
  check?: (response: APIResponse, caller: DemoRole) => Promise<void>;
  /** Each caller gets a session of their own (the route ends the one it is called with). */
  needsOwnSession?: boolean;
}

const CALLERS: Caller[] = ["anonymous", "none", "viewer", "operator", "admin"];
const RANK: Record<DemoRole, number> = { none: 0, viewer: 1, operator: 2, admin: 3 };
const NEEDED_RANK: Record<Needs, number> = { "signed-in": 0, viewer: 1, operator: 2, admin: 3 };
const ROLE_OF: Record<DemoRole, string | null> = { none: null, viewer: "viewer", operator: "operator", admin: "admin" };
const STALE = 999_999;
const NO_SUCH_RUN = "00000000-0000-4000-8000-000000000000";

const credentialPath = ({ credentialId }: Subject) => `/api/credentials/${credentialId}`;

const ROUTES: Route[] = [
  {
    method: "GET",
    route: "/api/me",
    needs: "signed-in",
    allowed: 200,
    check: async (response, caller) =>
      expect(await response.json()).toMatchObject({ name: DEMO_OPERATORS[caller].name, role: ROLE_OF[caller] }),
  },
  { method: "GET", route: "/api/credentials", needs: "viewer", allowed: 200 },
  { method: "GET", route: "/api/credentials/tags", needs: "viewer", allowed: 200 },
  { method: "GET", route: "/api/openapi.json", needs: "viewer", allowed: 200 },
  { method: "GET", route: "/api/credentials/:id", needs: "viewer", allowed: 200, path: credentialPath },
  { method: "GET", route: "/api/credentials/:id/tests", needs: "viewer", allowed: 200, path: (s) => `${credentialPath(s)}/tests` },
  { method: "GET", route: "/api/credentials/:id/token", needs: "viewer", allowed: 200, path: (s) => `${credentialPath(s)}/token` },
  {
    method: "GET",
    route: "/api/credentials/:id/presentation",
    needs: "viewer",
    allowed: 200,
    path: (s) => `${credentialPath(s)}/presentation`,
  },
  { method: "GET", route: "/api/credentials/issuers", needs: "viewer", allowed: 200 },
  { method: "GET", route: "/api/credentials/counts", needs: "viewer", allowed: 200 },
  // Not a JWT and no issuer: refused before anything is called, so the matrix asks no ZITADEL.
  { method: "POST", route: "/api/lookup/token", needs: "viewer", allowed: 422, body: () => ({ token: "not-a-token" }) },
  { method: "POST", route: "/api/lookup/user", needs: "viewer", allowed: 422, body: () => ({ query: "" }) },
  {
    method: "POST",
    route: "/api/credentials/:id/token",
    needs: "operator",
    allowed: 200,
    path: (s) => `${credentialPath(s)}/token`,
    body: () => ({}),
    // The spec's service user does not exist in ZITADEL: the test ran, and says so in the body.
    check: async (response) => expect(await response.json()).toMatchObject({ outcome: "failed", diagnosis: { code: "client_not_found" } }),
  },
  { method: "POST", route: "/api/credentials/:id/org", needs: "operator", allowed: 200, path: (s) => `${credentialPath(s)}/org` },
  {
    method: "POST",
    route: "/api/credentials/:id/call",
    needs: "operator",
    allowed: 200,
    path: (s) => `${credentialPath(s)}/call`,
    body: () => ({ method: "GET", path: "/auth/v1/users/me" }),
  },
  {
    method: "POST",
    route: "/api/credentials/:id/introspect",
    needs: "operator",
    allowed: 200,
    path: (s) => `/api/credentials/${s.patCredentialId}/introspect`,
    body: () => ({}),
    // Not configured for the issuer, or ZITADEL's "not active" for a token it never issued: either way the call ran.
    check: async (response) => expect((await response.json()).outcome ?? "not configured").not.toBe("active"),
  },
  // Nothing was ever cached for a service user ZITADEL does not know: only an admin gets this far.
  {
    method: "POST",
    route: "/api/credentials/:id/token/reveal",
    needs: "admin",
    allowed: 404,
    path: (s) => `${credentialPath(s)}/token/reveal`,
  },
  { method: "POST", route: "/api/credentials", needs: "admin", allowed: 422, body: () => ({}) },
  {
    method: "PATCH",
    route: "/api/credentials/:id",
    needs: "admin",
    allowed: 409,
    path: credentialPath,
    body: () => ({ notes: "matrix", version: STALE }),
  },
  {
    method: "PUT",
    route: "/api/credentials/:id/secret",
    needs: "admin",
    allowed: 409,
    path: (s) => `${credentialPath(s)}/secret`,
    body: () => ({ clientSecret: "MatrixSecretThatIsNeverStored000", version: STALE }),
  },
  { method: "POST", route: "/api/credentials/import", needs: "admin", allowed: 422, body: () => ({}) },
  { method: "GET", route: "/api/credentials/export", needs: "admin", allowed: 200, path: () => "/api/credentials/export?format=csv" },
  { method: "GET", route: "/api/audit", needs: "admin", allowed: 200 },
  { method: "GET", route: "/api/operators", needs: "admin", allowed: 200 },
  { method: "GET", route: "/api/settings", needs: "admin", allowed: 200 },
  // The e2e app's receiver may not be listening: the answer says so (200, not delivered) either way.
  { method: "POST", route: "/api/settings/test-alert", needs: "admin", allowed: 200 },
  { method: "GET", route: "/api/introspection-clients", needs: "admin", allowed: 200 },
  { method: "POST", route: "/api/introspection-clients", needs: "admin", allowed: 422, body: () => ({}) },
  {
    method: "DELETE",
    route: "/api/introspection-clients/:id",
    needs: "admin",
    allowed: 404,
    path: () => "/api/introspection-clients/00000000-0000-4000-8000-000000000000?version=1",
  },
  // An admin's own record: past the role check, the API refuses to let anyone change their own access.
  {
    method: "PATCH",
    route: "/api/operators/:id",
    needs: "admin",
    allowed: 409,
    path: (s) => `/api/operators/${s.adminId}`,
    body: () => ({ version: 1, roleCap: "viewer" }),
  },
  // An operator nobody is: past the role check, 404, so the matrix ends no one's sessions.
  {
    method: "GET",
    route: "/api/operators/:id/sessions",
    needs: "admin",
    allowed: 404,
    path: () => "/api/operators/no-such-operator/sessions",
  },
  {
    method: "DELETE",
    route: "/api/operators/:id/sessions",
    needs: "admin",
    allowed: 404,
    path: () => "/api/operators/no-such-operator/sessions",
  },
  {
    method: "DELETE",
    route: "/api/operators/:id/sessions/:sessionId",
    needs: "admin",
    allowed: 404,
    path: () => "/api/operators/no-such-operator/sessions/no-such-session",
  },
  {
    method: "DELETE",
    route: "/api/session",
    needs: "signed-in",
    allowed: 200,
    needsOwnSession: true,
    check: async (response) =>
      expect(await response.json()).toMatchObject({ endSessionUrl: expect.stringContaining("/oidc/v1/end_session") }),
  },
  // Test-all runs: a run that does not exist (404) and an empty selection (422) are answers past the role check.
  { method: "GET", route: "/api/runs", needs: "viewer", allowed: 200 },
  { method: "POST", route: "/api/runs", needs: "operator", allowed: 422, body: () => ({ scope: { kind: "selected", ids: [] } }) },
  { method: "GET", route: "/api/runs/:id", needs: "viewer", allowed: 404, path: () => `/api/runs/${NO_SUCH_RUN}` },
  { method: "GET", route: "/api/runs/:id/events", needs: "viewer", allowed: 404, path: () => `/api/runs/${NO_SUCH_RUN}/events` },
  { method: "POST", route: "/api/runs/:id/cancel", needs: "operator", allowed: 404, path: () => `/api/runs/${NO_SUCH_RUN}/cancel` },
  { method: "GET", route: "/api/runs/:id/report", needs: "viewer", allowed: 404, path: () => `/api/runs/${NO_SUCH_RUN}/report` },
  // Share links: the list of a credential's links; a link made of nothing (an invalid body) and one that never was.
  {
    method: "GET",
    route: "/api/share-links",
    needs: "operator",
    allowed: 200,
    path: (s) => `/api/share-links?sourceType=check&sourceId=${s.credentialId}`,
  },
  { method: "POST", route: "/api/share-links", needs: "operator", allowed: 422, body: () => ({}) },
  { method: "DELETE", route: "/api/share-links/:id", needs: "operator", allowed: 404, path: () => `/api/share-links/${NO_SUCH_RUN}` },
  // Provisioning: answers past the role check that call nothing in ZITADEL (an invalid body, a job or provisioner
  // that does not exist, an authority that is not a provisioner).
  { method: "GET", route: "/api/provisioning/authorities", needs: "admin", allowed: 200 },
  {
    method: "GET",
    route: "/api/provisioning/orgs",
    needs: "admin",
    allowed: 422,
    path: () => `/api/provisioning/orgs?authority=${NO_SUCH_RUN}`,
  },
  { method: "GET", route: "/api/provisioners", needs: "admin", allowed: 200 },
  { method: "PUT", route: "/api/provisioners", needs: "admin", allowed: 422, body: () => ({}) },
  {
    method: "DELETE",
    route: "/api/provisioners/:credentialId",
    needs: "admin",
    allowed: 404,
    path: () => `/api/provisioners/${NO_SUCH_RUN}`,
  },
  { method: "POST", route: "/api/provisioning/service-users", needs: "admin", allowed: 422, body: () => ({}) },
  { method: "GET", route: "/api/provisioning/jobs", needs: "admin", allowed: 200 },
  { method: "GET", route: "/api/provisioning/jobs/:id", needs: "admin", allowed: 404, path: () => `/api/provisioning/jobs/${NO_SUCH_RUN}` },
  {
    method: "POST",
    route: "/api/provisioning/jobs/:id/resume",
    needs: "admin",
    allowed: 404,
    path: () => `/api/provisioning/jobs/${NO_SUCH_RUN}/resume`,
    body: () => ({}),
  },
  {
    method: "POST",
    route: "/api/provisioning/jobs/:id/secret",
    needs: "admin",
    allowed: 404,
    path: () => `/api/provisioning/jobs/${NO_SUCH_RUN}/secret`,
    body: () => ({}),
  },
  {
    method: "POST",
    route: "/api/credentials/:id/actions",
    needs: "admin",
    allowed: 422,
    path: (s) => `${credentialPath(s)}/actions`,
    body: () => ({}),
  },
  {
    method: "DELETE",
    route: "/api/credentials/:id",
    needs: "admin",
    allowed: 204,
    path: credentialPath,
    body: async (subject, client) => ({ version: (await (await client.get(credentialPath(subject))).json()).version }),
  },
];

function expectedStatus(route: Route, caller: Caller): number {
  if (caller === "anonymous") return 401;
  return RANK[caller] >= NEEDED_RANK[route.needs] ? route.allowed : 403;
}

/** Every handler app/api exports, as "METHOD /api/path"; next-auth's own routes, the health check and the scraper's
 * metrics have no role. */
function apiRoutes(): string[] {
  const apiDir = join(__dirname, "..", "..", "app", "api");
  const files = readdirSync(apiDir, { recursive: true, encoding: "utf8" }).filter(
    (file) => file.endsWith(`${sep}route.ts`) || file === "route.ts",
  );
  return files.flatMap((file) => {
    const route = `/api/${relative(apiDir, join(apiDir, file)).split(sep).slice(0, -1).join("/")}`.replace(/\[(\w+)\]/g, ":$1");
    if (route === "/api/health" || route === "/api/metrics" || route.startsWith("/api/auth/")) return [];
    const methods = [...readFileSync(join(apiDir, file), "utf8").matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map(
      (match) => match[1],
    );
    return methods.map((method) => `${method} ${route}`);
  });
}

async function send(client: APIRequestContext, route: Route, subject: Subject, adminClient: APIRequestContext): Promise<APIResponse> {
  const url = route.path ? route.path(subject) : route.route;
  const data = route.body ? await route.body(subject, adminClient) : undefined;
  return client.fetch(url, { method: route.method, data });
}

/** A session of its own for a caller, signed in through the emulator like the setup project's. */
async function freshSession(browser: Browser, appOrigin: string, role: DemoRole) {
  const context = await browser.newContext({ baseURL: appOrigin, storageState: { cookies: [], origins: [] } });
  await signInThroughZitadel(await context.newPage(), DEMO_OPERATORS[role]);
  const state = await context.storageState();
  await context.close();
  return state;
}

let subject: Subject;

test.beforeAll(async ({ playwright, emulatorIssuer }) => {
  const appOrigin = process.env.E2E_APP_ORIGIN ?? "http://localhost:3100";
  const admin = await playwright.request.newContext({
    baseURL: appOrigin,
    storageState: "e2e/.auth/ada.json",
    extraHTTPHeaders: { Origin: appOrigin },
  });
  const suffix = uniqueSuffix();
  const created = await admin.post("/api/credentials", {
    data: {
      label: `Role matrix ${suffix}`,
      issuer: emulatorIssuer,
      clientId: `matrix-sa-${suffix}`,
      clientSecret: `matrix-secret-${suffix}`,
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const pat = await admin.post("/api/credentials", {
    data: { kind: "pat", label: `Role matrix PAT ${suffix}`, issuer: emulatorIssuer, token: `matrix-pat-${suffix}` },
  });
  expect(pat.status(), await pat.text()).toBe(201);
  const me = await (await admin.get("/api/me")).json();
  subject = { credentialId: (await created.json()).id, patCredentialId: (await pat.json()).id, adminId: me.id };
  await admin.dispose();
});

test("the table lists every API route app/api has", () => {
  const listed = ROUTES.map((route) => `${route.method} ${route.route}`).sort();
  expect(listed).toEqual(apiRoutes().sort());
});

for (const route of ROUTES) {
  test(`${route.method} ${route.route} needs ${route.needs}`, async ({ requestAs, browser, appOrigin, playwright, apiReference }) => {
    // Four sign-ins through the emulator's login page take their time.
    test.slow(Boolean(route.needsOwnSession));
    const admin = await requestAs("admin");
    for (const caller of CALLERS) {
      const client =
        route.needsOwnSession && caller !== "anonymous"
          ? await playwright.request.newContext({
              baseURL: appOrigin,
              storageState: await freshSession(browser, appOrigin, caller),
              extraHTTPHeaders: { Origin: appOrigin },
            })
          : await requestAs(caller);
      const response = await send(client, route, subject, admin);
      const status = expectedStatus(route, caller);
      expect(response.status(), `${caller}: ${await response.text()}`).toBe(status);
      await apiReference.expectAnswer(route.method, response);
      if (status === 401) expect(await response.json()).toMatchObject({ error: { code: "unauthorized" } });
      if (status === 403)
        expect(await response.json()).toMatchObject({ error: { code: "forbidden", message: `This needs the ${route.needs} role.` } });
      if (status === route.allowed && caller !== "anonymous") await route.check?.(response, caller);
      if (route.needsOwnSession && caller !== "anonymous") await client.dispose();
    }
  });
}
