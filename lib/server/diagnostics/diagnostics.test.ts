import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { orgLookupResultSchema, tokenTestResultSchema } from "@/lib/schemas/diagnostics";
import { open, seal, secretContext, tokenContext } from "@/lib/server/crypto";
import { closeAgents } from "@/lib/server/http";
import { setTestEnv } from "@/lib/server/http/testing";
import { closeStore, getStore, type CredentialRow, type Store } from "@/lib/server/store";
import { newCredential } from "@/lib/server/store/testing/fixtures";
import { startEmulatorProcess, type EmulatorProcess } from "@/lib/server/testing/emulator-process";
import { getHeldToken, runOrgLookup, runTokenTest } from "./index";
import { toScopeKey } from "./token-source";

// The use cases end to end: SQLite store, real crypto, the ZITADEL emulator over HTTP, its request counters.

const AUD = "urn:zitadel:iam:org:project:id:zitadel:aud";
const operator = {
  id: "operator-1",
  name: "Olga Operator",
  email: null,
  login: "olga",
  role: "operator" as const,
  sessionIdHash: "session-1",
};
const REPORTER = { clientId: "acme-reporter", secret: "Rep0rterDemoSecretAcme2026xxxxx1" };

let emulator: EmulatorProcess;
let store: Store;
let dir: string;
const created: string[] = [];

beforeAll(async () => {
  emulator = await startEmulatorProcess();
  dir = mkdtempSync(join(tmpdir(), "m2m-diagnostics-"));
  setTestEnv({ ALLOWED_ISSUERS: emulator.issuer, SQLITE_PATH: join(dir, "console.sqlite") });
  store = await getStore();
});

// (issuer, client ID) is unique: each test removes the credentials it added.
afterEach(async () => {
  for (const id of created.splice(0)) {
    await store.credentials.delete(id, null, { actor: operator.id, action: "credential.delete", credentialId: id, outcome: "success" });
  }
});

afterAll(async () => {
  await closeStore();
  await closeAgents();
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

async function addCredential(clientId: string, secret: string | null, overrides: Partial<CredentialRow> = {}): Promise<CredentialRow> {
  const id = randomUUID();
  const issuer = emulator.issuer;
  const row = newCredential({
    id,
    issuer,
    clientId,
    secretEnvelope: secret === null ? null : seal(secret, secretContext(id, issuer, clientId)),
    scopes: `openid ${AUD}`,
    ...overrides,
  });
  created.push(id);
  return store.credentials.create(row, { actor: operator.id, action: "credential.create", credentialId: id, outcome: "success" });
}

const tokenCalls = async (clientId: string) => (await emulator.stats()).token.byClient[clientId] ?? 0;
const orgCalls = async () => (await emulator.stats()).orgsMe.total;
const context = { operator, requestId: "req-1", ip: null };

/** The raw token behind a credential's cache entry, to prove it appears nowhere it should not. */
async function cachedRawToken(credential: CredentialRow): Promise<string> {
  const scopeKey = toScopeKey(credential.scopes.split(" "));
  const row = await store.tokenCache.get(credential.id, scopeKey);
  if (!row) throw new Error("no cached token");
  return open(row.tokenEnvelope, tokenContext(credential.id, scopeKey));
}

describe("runTokenTest", () => {
  it("asks ZITADEL on every test, caches the newest token and records each run, never the token", async () => {
    const credential = await addCredential(REPORTER.clientId, REPORTER.secret);
    const before = await tokenCalls(REPORTER.clientId);
    const first = await runTokenTest(context, { credentialId: credential.id });
    expect(tokenTestResultSchema.parse(first)).toEqual(first);
    expect(first).toMatchObject({
      outcome: "ok",
      cached: false,
      httpStatus: 200,
      token: { tokenType: "Bearer", kind: "opaque", scopesRequested: ["openid", AUD] },
    });
    const second = await runTokenTest(context, { credentialId: credential.id });
    expect(second).toMatchObject({ outcome: "ok", cached: false, httpStatus: 200 });
    expect(second.token?.fingerprint).not.toBe(first.token?.fingerprint);
    expect(await tokenCalls(REPORTER.clientId)).toBe(before + 2);
    const raw = await cachedRawToken(credential);
    const held = await getHeldToken(credential.id);
    expect(held.heldToken).toMatchObject({ obtainedBy: "token_test", token: { fingerprint: second.token?.fingerprint } });
    const runs = await store.testRuns.list(credential.id);
    const audit = await store.audit.list({ credentialId: credential.id });
    expect(runs.map((run) => [run.kind, run.outcome, run.cached])).toEqual([
      ["token", "ok", false],
      ["token", "ok", false],
    ]);
    expect(audit.items.filter((row) => row.action === "token.test").map((row) => row.outcome)).toEqual(["success", "success"]);
    for (const shown of [first, second, runs, audit, held]) {
      expect(JSON.stringify(shown)).not.toContain(raw);
      expect(JSON.stringify(shown)).not.toContain(REPORTER.secret);
    }
  });

  it("five concurrent tests of one credential make one upstream call", async () => {
    const credential = await addCredential("globex-sync", "Gl0bexSyncDemoSecret2026xxxxxxx5");
    const before = await tokenCalls("globex-sync");
    const results = await Promise.all(Array.from({ length: 5 }, () => runTokenTest(context, { credentialId: credential.id })));
    expect(results.every((result) => result.outcome === "ok")).toBe(true);
    expect(new Set(results.map((result) => result.token?.fingerprint)).size).toBe(1);
    expect(await tokenCalls("globex-sync")).toBe(before + 1);
    expect(await store.testRuns.list(credential.id)).toHaveLength(5);
  });

  it("a wrong secret fails with invalid_secret and is not cached", async () => {
    const credential = await addCredential(REPORTER.clientId, "WrongWrongWrongWrongWrongWrong00");
    const before = await tokenCalls(REPORTER.clientId);
    const result = await runTokenTest(context, { credentialId: credential.id });
    expect(result).toMatchObject({ outcome: "failed", cached: false, httpStatus: 400, diagnosis: { code: "invalid_secret" } });
    await runTokenTest(context, { credentialId: credential.id });
    expect(await tokenCalls(REPORTER.clientId)).toBe(before + 2);
    expect((await store.testRuns.list(credential.id))[0]?.outcome).toBe("invalid_secret");
  });

  it("a credential without a secret fails with no_secret before any request", async () => {
    const credential = await addCredential("acme-no-secret", null);
    const result = await runTokenTest(context, { credentialId: credential.id });
    expect(result).toMatchObject({ outcome: "failed", diagnosis: { code: "no_secret" }, transcript: null });
    expect(await tokenCalls("acme-no-secret")).toBe(0);
  });

  it("the org lookup does not reuse a token obtained before the credential changed", async () => {
    const credential = await addCredential(REPORTER.clientId, REPORTER.secret);
    await runTokenTest(context, { credentialId: credential.id });
    const before = await tokenCalls(REPORTER.clientId);
    const changed = await store.credentials.update(
      credential.id,
      credential.version,
      { notes: "rotated" },
      { actor: operator.id, action: "credential.update", outcome: "success" },
    );
    expect((await runOrgLookup(context, { credentialId: changed.id })).tokenCached).toBe(false);
    expect(await tokenCalls(REPORTER.clientId)).toBe(before + 1);
  });
});

describe("runOrgLookup", () => {
  it("uses the cached token: a lookup after a token test makes no token request", async () => {
    const credential = await addCredential(REPORTER.clientId, REPORTER.secret);
    await runTokenTest(context, { credentialId: credential.id });
    const [tokensBefore, orgsBefore] = [await tokenCalls(REPORTER.clientId), await orgCalls()];
    const result = await runOrgLookup(context, { credentialId: credential.id });
    expect(orgLookupResultSchema.parse(result)).toEqual(result);
    expect(result).toMatchObject({
      outcome: "ok",
      tokenCached: true,
      org: { id: "200000000000000001", name: "ACME Corporation", state: "active" },
    });
    expect(result.curl).toContain("$TOKEN");
    expect(await tokenCalls(REPORTER.clientId)).toBe(tokensBefore);
    expect(await orgCalls()).toBe(orgsBefore + 1);
    const audit = await store.audit.list({ credentialId: credential.id, action: "org.lookup" });
    expect(audit.items[0]).toMatchObject({ outcome: "success", httpStatus: 200 });
  });

  it("drops a cached token that ZITADEL calls invalid and retries once with a fresh one", async () => {
    const credential = await addCredential(REPORTER.clientId, REPORTER.secret);
    await runTokenTest(context, { credentialId: credential.id });
    const scopeKey = toScopeKey(credential.scopes.split(" "));
    const row = await store.tokenCache.get(credential.id, scopeKey);
    if (!row) throw new Error("not cached");
    await store.tokenCache.put({ ...row, tokenEnvelope: seal("revoked-or-garbage-token", tokenContext(credential.id, scopeKey)) });

    const [tokensBefore, orgsBefore] = [await tokenCalls(REPORTER.clientId), await orgCalls()];
    const result = await runOrgLookup(context, { credentialId: credential.id });
    expect(result).toMatchObject({ outcome: "ok", tokenCached: false });
    expect(await tokenCalls(REPORTER.clientId)).toBe(tokensBefore + 1);
    expect(await orgCalls()).toBe(orgsBefore + 2);
  });

  it("holds the token it obtained, as the org lookup's, and holds none once the credential changed", async () => {
    const credential = await addCredential(REPORTER.clientId, REPORTER.secret);
    expect(await getHeldToken(credential.id)).toEqual({ heldToken: null });
    const result = await runOrgLookup(context, { credentialId: credential.id });
    const held = await getHeldToken(credential.id);
    expect(held.heldToken).toMatchObject({ obtainedBy: "org_lookup", token: { expiresAt: result.tokenExpiresAt } });
    await store.credentials.update(
      credential.id,
      credential.version,
      { orgId: "999999999999999999" },
      { actor: operator.id, action: "credential.update", outcome: "success" },
    );
    expect(await getHeldToken(credential.id)).toEqual({ heldToken: null });
  });

  it("explains a service user without a manager role", async () => {
    const credential = await addCredential("acme-no-role", "N0RoleDemoSecretAcme2026xxxxxxx3");
    const result = await runOrgLookup(context, { credentialId: credential.id });
    expect(result).toMatchObject({ outcome: "failed", diagnosis: { code: "missing_permission", httpStatus: 403 } });
    expect((await store.testRuns.list(credential.id))[0]).toMatchObject({ kind: "org", outcome: "missing_permission", httpStatus: 403 });
  });

  it("explains a token without the ZITADEL audience, after one fresh retry", async () => {
    const credential = await addCredential(REPORTER.clientId, REPORTER.secret, { scopes: "openid" });
    await runTokenTest(context, { credentialId: credential.id });
    const tokensBefore = await tokenCalls(REPORTER.clientId);
    const result = await runOrgLookup(context, { credentialId: credential.id });
    expect(result.diagnosis?.code).toBe("token_invalid");
    expect(result.diagnosis?.explanation).toContain(AUD);
    expect(await tokenCalls(REPORTER.clientId)).toBe(tokensBefore + 1);
  });

  it("reports a token failure as the lookup's diagnosis", async () => {
    const credential = await addCredential("300000000000000001", REPORTER.secret);
    const result = await runOrgLookup(context, { credentialId: credential.id });
    expect(result).toMatchObject({ outcome: "failed", tokenCached: false, diagnosis: { code: "client_not_found" } });
  });
});
