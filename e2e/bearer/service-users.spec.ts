import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import type { APIRequestContext } from "@playwright/test";
import { DEMO_USERS, registerCredential } from "../diagnostics/demo-credentials";
import { expect, test } from "../fixtures";
import { uniqueSuffix } from "../pages/credentials-page";

// Scripts call the JSON API as ZITADEL service users: a bearer token from the console's ZITADEL (the emulator) instead
// of the session cookie. The seeded console-ci-* users hold the console's roles on its project (emulator/seed/demo.json).

test.describe.configure({ mode: "serial" });

const CONSOLE_PROJECT = "500000000000000001";
const CONSOLE_SCOPE = [
  "openid",
  "profile",
  "urn:zitadel:iam:org:projects:roles",
  `urn:zitadel:iam:org:project:id:${CONSOLE_PROJECT}:aud`,
  "urn:zitadel:iam:user:resourceowner",
].join(" ");

const CI = {
  admin: { clientId: "console-ci-admin", secret: "CiAdminDemoSecretConsole2026xx15" },
  operator: { clientId: "console-ci-operator", secret: "CiOperatorDemoSecretConsole2026x16" },
  viewer: { clientId: "console-ci-viewer", secret: "CiViewerDemoSecretConsole2026xx17" },
  noRole: { clientId: "acme-reporter", secret: "Rep0rterDemoSecretAcme2026xxxxx1" },
} as const;

async function accessToken(request: APIRequestContext, issuer: string, user: { clientId: string; secret: string }, scope = CONSOLE_SCOPE) {
  const response = await request.post(`${issuer}/oauth/v2/token`, {
    form: { grant_type: "client_credentials", client_id: user.clientId, client_secret: user.secret, scope },
  });
  expect(response.status(), await response.text()).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** The viewer's PAT (an opaque token), as the emulator's seed lists it. */
function viewerPat(): string {
  const seed = JSON.parse(readFileSync("emulator/seed/demo.json", "utf8")) as {
    serviceUsers: { username: string; pats?: { token: string }[] }[];
  };
  const pat = seed.serviceUsers.find((user) => user.username === "console-ci-viewer")?.pats?.[0]?.token;
  if (!pat) throw new Error("the demo seed gives console-ci-viewer no PAT");
  return pat;
}

let machine: APIRequestContext;

test.beforeAll(async ({ playwright, appOrigin }) => {
  // No cookie and no Origin: what a script sends.
  machine = await playwright.request.newContext({ baseURL: appOrigin, storageState: { cookies: [], origins: [] } });
});
test.afterAll(async () => {
  await machine.dispose();
});

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

test("a viewer service user lists credentials with a JWT access token and with an opaque PAT", async ({ emulatorIssuer, apiReference }) => {
  const jwt = await accessToken(machine, emulatorIssuer, CI.viewer);
  expect(jwt.split(".")).toHaveLength(3);
  const listed = await machine.get("/api/credentials", { headers: bearer(jwt) });
  expect(listed.status(), await listed.text()).toBe(200);
  await apiReference.expectAnswer("GET", listed);

  const pat = viewerPat();
  const withPat = await machine.get("/api/credentials", { headers: bearer(pat) });
  expect(withPat.status(), await withPat.text()).toBe(200);

  // A viewer may not write: the role, not the missing Origin, refuses it.
  const write = await machine.post("/api/credentials", { headers: bearer(jwt), data: {} });
  expect(write.status()).toBe(403);
  expect((await write.json()) as unknown).toMatchObject({ error: { code: "forbidden", message: "This needs the admin role." } });
});

test("a token without a console role gets 403 naming the role, another project's token and a forged one 401", async ({
  emulatorIssuer,
}) => {
  const noRole = await machine.get("/api/credentials", { headers: bearer(await accessToken(machine, emulatorIssuer, CI.noRole)) });
  expect(noRole.status()).toBe(403);
  expect((await noRole.json()) as unknown).toMatchObject({
    error: { code: "forbidden", message: "This needs the viewer role.", hint: expect.stringContaining("It has no role in M2M Console.") },
  });

  const foreignScope = "openid urn:zitadel:iam:org:projects:roles urn:zitadel:iam:org:project:id:500000000000000002:aud";
  const foreign = await machine.get("/api/credentials", {
    headers: bearer(await accessToken(machine, emulatorIssuer, CI.operator, foreignScope)),
  });
  expect(foreign.status()).toBe(401);
  expect((await foreign.json()) as unknown).toMatchObject({ error: { code: "unauthorized" } });

  const forged = await machine.get("/api/credentials", { headers: bearer("not-a-token-zitadel-issued-0123456789") });
  expect(forged.status()).toBe(401);
  expect((await machine.get("/api/credentials", { headers: { Authorization: "Basic Zm9vOmJhcg==" } })).status()).toBe(401);
});

test("a request with both the session cookie and a bearer token is refused", async ({ api, emulatorIssuer }) => {
  const token = await accessToken(machine, emulatorIssuer, CI.viewer);
  const both = await api.get("/api/credentials", { headers: bearer(token) });
  expect(both.status()).toBe(400);
  expect((await both.json()) as unknown).toMatchObject({ error: { code: "bad_request" } });
});

test("an admin service user writes without an Origin, and the audit log names it as a machine", async ({ api, emulatorIssuer }) => {
  const token = await accessToken(machine, emulatorIssuer, CI.admin);
  const label = `bearer-created-${uniqueSuffix()}`;
  const created = await machine.post("/api/credentials", {
    headers: bearer(token),
    data: { label, issuer: emulatorIssuer, clientId: `bearer-${uniqueSuffix()}`, clientSecret: "BearerSpecSecret0123456789abcdef" },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };

  const audit = await api.get(`/api/audit?credentialId=${id}&action=credential.create`);
  expect(audit.ok()).toBe(true);
  const { items } = (await audit.json()) as { items: { actorName: string | null; actorKind: string | null }[] };
  expect(items[0]).toMatchObject({ actorName: "Console CI Admin", actorKind: "machine" });

  const operators = (await (await api.get("/api/operators")).json()) as { items: Record<string, unknown>[] };
  expect(operators.items.find((row) => row.login === "console-ci-admin")).toMatchObject({
    kind: "machine",
    name: "Console CI Admin",
    org: "ACME Corporation",
    role: "admin",
    lastSeenAt: expect.any(String),
  });

  const deleted = await machine.delete(`/api/credentials/${id}?version=1`, { headers: bearer(token) });
  expect(deleted.status()).toBe(204);
});

test("the Operators page shows the machine with its org, and the audit log marks its rows", async ({ page }) => {
  await page.goto("/operators");
  const row = page.locator('[data-testid="operator-row"][data-login="console-ci-admin"]');
  await expect(row).toContainText("Console CI Admin");
  await expect(row).toContainText("machine");
  await expect(row).toContainText("ACME Corporation");
  await expect(row).toContainText("seen");
  await page.goto(`/audit?actor=${encodeURIComponent("Console CI Admin")}`);
  await expect(page.getByRole("cell").filter({ hasText: "Console CI Admin" }).first()).toContainText("(machine)");
});

test("a machine an admin disabled is refused at its next request, and works again once enabled", async ({ api, emulatorIssuer }) => {
  const token = await accessToken(machine, emulatorIssuer, CI.viewer);
  expect((await machine.get("/api/credentials", { headers: bearer(token) })).status()).toBe(200);
  const find = async () =>
    ((await (await api.get("/api/operators")).json()) as { items: { id: string; login: string; version: number }[] }).items.find(
      (row) => row.login === "console-ci-viewer",
    )!;
  const row = await find();
  const disabled = await api.patch(`/api/operators/${row.id}`, { data: { version: row.version, isDisabled: true } });
  expect(disabled.status(), await disabled.text()).toBe(200);
  try {
    const refused = await machine.get("/api/credentials", { headers: bearer(token) });
    expect(refused.status()).toBe(403);
    expect((await refused.json()) as unknown).toMatchObject({
      error: { message: "An admin has disabled this service user in M2M Console." },
    });
  } finally {
    const current = await find();
    expect((await api.patch(`/api/operators/${current.id}`, { data: { version: current.version, isDisabled: false } })).ok()).toBe(true);
  }
  expect((await machine.get("/api/credentials", { headers: bearer(token) })).status()).toBe(200);
});

test("a deactivated service user's token is refused once the cache time has passed", async ({ emulatorIssuer }) => {
  const token = await accessToken(machine, emulatorIssuer, CI.viewer);
  expect((await machine.get("/api/credentials", { headers: bearer(token) })).status()).toBe(200);
  const setActive = (active: boolean) => machine.post(`${emulatorIssuer}/__emulator/users/console-ci-viewer/state`, { data: { active } });
  expect((await setActive(false)).ok()).toBe(true);
  try {
    // BEARER_CACHE_SECONDS is 2 in e2e: the refusal comes within it, whenever the cached answer runs out.
    await expect
      .poll(async () => (await machine.get("/api/credentials", { headers: bearer(token) })).status(), { timeout: 15_000 })
      .toBe(401);
  } finally {
    expect((await setActive(true)).ok()).toBe(true);
  }
});

/** Runs the command-line client as the operator service user against this app and emulator. */
function runCli(
  args: string[],
  appOrigin: string,
  emulatorIssuer: string,
  overrides: Record<string, string | undefined> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = {
    ...process.env,
    M2M_CONSOLE_URL: appOrigin,
    M2M_CONSOLE_ISSUER: emulatorIssuer,
    M2M_CONSOLE_PROJECT_ID: CONSOLE_PROJECT,
    M2M_CONSOLE_CLIENT_ID: CI.operator.clientId,
    M2M_CONSOLE_CLIENT_SECRET: CI.operator.secret,
    ...overrides,
  };
  return new Promise((resolve) => {
    execFile(process.execPath, ["cli/m2m-console.mjs", ...args], { env, timeout: 50_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** Registers the demo users under `tag` (added to their tags when another spec registered them first). */
async function tagDemoUsers(api: APIRequestContext, issuer: string, tag: string, users: readonly (keyof typeof DEMO_USERS)[]) {
  const ids: string[] = [];
  for (const key of users) {
    const user = DEMO_USERS[key];
    const id = await registerCredential(api, { label: user.clientId, issuer, clientId: user.clientId, clientSecret: user.secret });
    const current = (await (await api.get(`/api/credentials/${id}`)).json()) as { tags: string[]; version: number };
    const patched = await api.patch(`/api/credentials/${id}`, { data: { tags: [...current.tags, tag], version: current.version } });
    expect(patched.ok(), await patched.text()).toBe(true);
    ids.push(id);
  }
  return ids;
}

test("m2m-console check exits 1 naming the failing demo users, and 0 over a tag that holds only working ones", async ({
  api,
  appOrigin,
  emulatorIssuer,
}) => {
  const mixed = `cli-mixed-${uniqueSuffix()}`;
  const healthy = `cli-healthy-${uniqueSuffix()}`;
  await tagDemoUsers(api, emulatorIssuer, mixed, ["reporter", "noRole", "retired"]);
  const healthyIds = await tagDemoUsers(api, emulatorIssuer, healthy, ["reporter", "globex"]);

  const failing = await runCli(["check", "--tag", mixed], appOrigin, emulatorIssuer);
  expect(failing.code, failing.stderr).toBe(1);
  expect(failing.stderr).toContain("2 of 3 fail: ");
  expect(failing.stderr).toContain("acme-no-role");
  expect(failing.stderr).toContain("acme-retired");
  // Named by label, and by client ID where another spec registered the user first under a label of its own.
  expect(failing.stdout).toMatch(/^token_fails\s+(acme-retired|.+ \(acme-retired\))\s/m);

  const working = await runCli(["check", "--tag", healthy, "--json"], appOrigin, emulatorIssuer);
  expect(working.code, working.stderr).toBe(0);
  const report = JSON.parse(working.stdout) as { items: { credentialId: string; status: string }[] };
  expect(report.items.map((item) => [item.credentialId, item.status]).sort()).toEqual(healthyIds.map((id) => [id, "working"]).sort());

  const refused = await runCli(["export"], appOrigin, emulatorIssuer);
  expect(refused.code).toBe(2);
  expect(refused.stderr).toContain("m2m-console: This needs the admin role.");
  expect(refused.stderr).toContain("hint: It has the operator role.");
});

test("m2m-console signs in with a key file (JWT profile) and says what the console refused", async ({ appOrigin, emulatorIssuer }) => {
  // acme-key-bot's key works at ZITADEL, but the service user has no role on the console's project.
  const keyFile = { M2M_CONSOLE_KEY_FILE: "emulator/seed/keys/acme-key-bot.json", M2M_CONSOLE_CLIENT_ID: undefined };
  const refused = await runCli(["list"], appOrigin, emulatorIssuer, keyFile);
  expect(refused.code).toBe(2);
  expect(refused.stderr).toContain("m2m-console: This needs the viewer role.");

  const expired = await runCli(["list"], appOrigin, emulatorIssuer, {
    ...keyFile,
    M2M_CONSOLE_KEY_FILE: "emulator/seed/keys/acme-key-bot-expired.json",
  });
  expect(expired.code).toBe(2);
  expect(expired.stderr).toContain("ZITADEL refused the token request (server_error: Errors.Internal).");

  const usage = await runCli(["frobnicate"], appOrigin, emulatorIssuer);
  expect(usage.code).toBe(2);
  expect(usage.stderr).toContain('Unknown command "frobnicate".');
});
