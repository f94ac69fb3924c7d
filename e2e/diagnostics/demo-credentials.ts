import { expect, type APIRequestContext } from "@playwright/test";

// The emulator's demo service users (emulator/seed/demo.json) and registering them through the API.

export const DEMO_USERS = {
  reporter: { clientId: "acme-reporter", secret: "Rep0rterDemoSecretAcme2026xxxxx1" },
  jwtBot: { clientId: "acme-jwt-bot", secret: "JwtB0tDemoSecretAcme2026xxxxxxx2" },
  noRole: { clientId: "acme-no-role", secret: "N0RoleDemoSecretAcme2026xxxxxxx3" },
  retired: { clientId: "acme-retired", secret: "RetiredDemoSecretAcme2026xxxxxx4" },
  globex: { clientId: "globex-sync", secret: "Gl0bexSyncDemoSecret2026xxxxxxx5" },
  slow: { clientId: "acme-slow", secret: "SlowDemoSecretAcme2026xxxxxxxxx7" },
  flaky: { clientId: "acme-flaky", secret: "FlakyDemoSecretAcme2026xxxxxxxx8" },
  html: { clientId: "acme-html", secret: "HtmlDemoSecretAcme2026xxxxxxxxx9" },
} as const;

export const ACME_ORG = { id: "200000000000000001", name: "ACME Corporation" };

export interface NewCredential {
  label: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  orgId?: string;
}

interface Listed {
  id: string;
  issuer: string;
  clientId: string;
  orgId: string | null;
  version: number;
}

/**
 * Registers a credential through `api` (the fixture: it sends this app's Origin) and returns its id. (issuer,
 * client ID) is unique per database, so when another spec of this run registered the same pair, that one is reused
 * with this test's secret and organization ID.
 */
export async function registerCredential(api: APIRequestContext, input: NewCredential): Promise<string> {
  const created = await api.post("/api/credentials", { data: input });
  if (created.status() === 201) return ((await created.json()) as { id: string }).id;
  expect(created.status(), await created.text()).toBe(409);
  return reuse(api, input);
}

async function reuse(api: APIRequestContext, input: NewCredential): Promise<string> {
  // Specs run in parallel and several reuse the same demo user: when another one changed the credential between
  // this one's read and its write, the write is refused as a conflict, and reading it again settles it.
  let outcome = await tryReuse(api, input);
  for (let attempt = 2; !outcome.ok && attempt <= 5; attempt++) outcome = await tryReuse(api, input);
  if (!outcome.ok) throw new Error(`${input.clientId} kept changing under this spec: ${outcome.body}`);
  return outcome.id;
}

type ReuseOutcome = { ok: true; id: string } | { ok: false; body: string };

async function tryReuse(api: APIRequestContext, input: NewCredential): Promise<ReuseOutcome> {
  const listed = await api.get(`/api/credentials?search=${encodeURIComponent(input.clientId)}&limit=200`);
  expect(listed.ok()).toBe(true);
  const { items } = (await listed.json()) as { items: Listed[] };
  const existing = items.find((item) => item.issuer === input.issuer && item.clientId === input.clientId);
  if (!existing) throw new Error(`${input.clientId} at ${input.issuer} is registered but not listed`);
  const base = `/api/credentials/${existing.id}`;
  const patched = await api.patch(base, { data: { orgId: input.orgId ?? null, version: existing.version } });
  if (patched.status() === 409) return { ok: false, body: await patched.text() };
  expect(patched.ok(), await patched.text()).toBe(true);
  const { version } = (await patched.json()) as { version: number };
  const secret = await api.put(`${base}/secret`, { data: { clientSecret: input.clientSecret, version } });
  if (secret.status() === 409) return { ok: false, body: await secret.text() };
  expect(secret.ok(), await secret.text()).toBe(true);
  return { ok: true, id: existing.id };
}

export interface EmulatorStats {
  token: { total: number; byClient: Record<string, number> };
  orgsMe: { total: number; byClient: Record<string, number> };
}

export async function emulatorStats(request: APIRequestContext, issuer: string): Promise<EmulatorStats> {
  const response = await request.get(`${issuer}/__emulator/stats`);
  expect(response.ok()).toBe(true);
  return (await response.json()) as EmulatorStats;
}
