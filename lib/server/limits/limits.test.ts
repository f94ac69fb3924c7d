import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api-error";
import { createCredentialSchema } from "@/lib/schemas/credential";
import { createCredential, importCredentials } from "@/lib/server/credentials";
import { seal, secretContext } from "@/lib/server/crypto";
import { runOrgLookup, runTokenTest } from "@/lib/server/diagnostics";
import { closeAgents } from "@/lib/server/http";
import { setTestEnv } from "@/lib/server/http/testing";
import type { RequestContext } from "@/lib/server/request-context";
import { closeStore, getStore, type CredentialRow, type Store } from "@/lib/server/store";
import { dayAgo, newCredential } from "@/lib/server/store/testing/fixtures";
import { startEmulatorProcess, type EmulatorProcess } from "@/lib/server/testing/emulator-process";

// The limits where an operator and ZITADEL meet them: the use cases over a SQLite store and the emulator, whose
// request counters show what reached the tenant. Small limits, so a burst crosses them.

const PER_CREDENTIAL = 5;
const PER_OPERATOR = 12;
const WRITES = 10;
const AUD = "urn:zitadel:iam:org:project:id:zitadel:aud";
const REPORTER = { clientId: "acme-reporter", secret: "Rep0rterDemoSecretAcme2026xxxxx1" };

let emulator: EmulatorProcess;
let store: Store;
let dir: string;

beforeAll(async () => {
  emulator = await startEmulatorProcess();
  dir = mkdtempSync(join(tmpdir(), "m2m-limits-"));
  setTestEnv({
    ALLOWED_ISSUERS: emulator.issuer,
    SQLITE_PATH: join(dir, "console.sqlite"),
    RATE_LIMIT_TESTS_PER_CREDENTIAL_PER_MINUTE: String(PER_CREDENTIAL),
    RATE_LIMIT_TESTS_PER_OPERATOR_PER_MINUTE: String(PER_OPERATOR),
    RATE_LIMIT_WRITES_PER_OPERATOR_PER_MINUTE: String(WRITES),
  });
  store = await getStore();
});

afterAll(async () => {
  await closeStore();
  await closeAgents();
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Each test acts as its own operator, so budgets never carry over between tests. */
function operator(name: string): RequestContext {
  return {
    operator: { id: `${name}-${randomUUID()}`, name, email: null, login: name, role: "operator", sessionIdHash: `session-${name}` },
    requestId: `req-${name}`,
    ip: null,
  };
}

async function addCredential(clientId: string, secret: string | null): Promise<CredentialRow> {
  const id = randomUUID();
  const issuer = emulator.issuer;
  const secretEnvelope = secret === null ? null : seal(secret, secretContext(id, issuer, clientId));
  const row = newCredential({ id, issuer, clientId, secretEnvelope, scopes: `openid ${AUD}` });
  return store.credentials.create(row, { actor: "setup", action: "credential.create", credentialId: id, outcome: "success" });
}

async function settle<T>(calls: Promise<T>[]) {
  const results = await Promise.allSettled(calls);
  const passed = results.filter((result) => result.status === "fulfilled").map((result) => result.value);
  const refused = results.filter((result) => result.status === "rejected").map((result) => result.reason as unknown);
  return { passed, refused };
}

function expectRateLimited(error: unknown): asserts error is ApiError {
  expect(error).toBeInstanceOf(ApiError);
  const apiError = error as ApiError;
  expect(apiError).toMatchObject({ status: 429, code: "rate_limited" });
  expect(apiError.retryAfterSeconds).toBeGreaterThan(0);
  expect(apiError.retryAfterSeconds).toBeLessThanOrEqual(60);
  expect(apiError.hint).toBe(`Try again in ${apiError.retryAfterSeconds} s.`);
}

async function refusals(actorId: string) {
  const audit = await store.audit.list({ action: "access.rate_limited", limit: 200 });
  return audit.items.filter((row) => row.actor === actorId);
}

describe("test limits", () => {
  it("a burst of 100 org lookups on one credential reaches ZITADEL only as often as the credential's limit allows", async () => {
    const credential = await addCredential(REPORTER.clientId, REPORTER.secret);
    const context = operator("burst");
    const before = await emulator.stats();

    const { passed, refused } = await settle(Array.from({ length: 100 }, () => runOrgLookup(context, { credentialId: credential.id })));

    const after = await emulator.stats();
    expect(passed).toHaveLength(PER_CREDENTIAL);
    expect(passed.every((result) => result.outcome === "ok")).toBe(true);
    expect((after.orgsMe.byClient[REPORTER.clientId] ?? 0) - (before.orgsMe.byClient[REPORTER.clientId] ?? 0)).toBe(PER_CREDENTIAL);
    expect((after.token.byClient[REPORTER.clientId] ?? 0) - (before.token.byClient[REPORTER.clientId] ?? 0)).toBeLessThanOrEqual(1);
    expect(refused).toHaveLength(100 - PER_CREDENTIAL);
    for (const error of refused) expectRateLimited(error);

    const audit = await refusals(context.operator.id);
    expect(audit).toHaveLength(100 - PER_CREDENTIAL);
    expect(audit[0]).toMatchObject({ outcome: "denied", httpStatus: 429, credentialId: credential.id, clientId: REPORTER.clientId });
    expect(new Set(audit.map((row) => row.detail?.limit))).toEqual(new Set(["tests_per_credential", "tests_per_operator"]));
    expect(JSON.stringify(audit)).not.toContain(REPORTER.secret);
    // Only the lookups that ran are in the credential's history.
    expect(await store.testRuns.list(credential.id, 200)).toHaveLength(PER_CREDENTIAL);
  });

  it("names the credential's limit when one credential is tested too often", async () => {
    const credential = await addCredential("acme-no-secret", null);
    const context = operator("one-credential");
    for (let i = 0; i < PER_CREDENTIAL; i += 1) await runTokenTest(context, { credentialId: credential.id });
    const error = await runTokenTest(context, { credentialId: credential.id }).catch((caught: unknown) => caught);
    expectRateLimited(error);
    expect(error.message).toBe("Too many token tests and org lookups for this credential in the last minute.");
    expect((await refusals(context.operator.id))[0]?.detail).toMatchObject({
      limit: "tests_per_credential",
      retryAfterSeconds: error.retryAfterSeconds,
    });
  });

  it("limits one operator across credentials, and only that operator", async () => {
    const credentials = await Promise.all([1, 2, 3].map((n) => addCredential(`nobody-${n}-${randomUUID()}`, null)));
    const context = operator("busy");
    for (const credential of credentials) {
      for (let i = 0; i < PER_OPERATOR / credentials.length; i += 1) await runTokenTest(context, { credentialId: credential.id });
    }
    const error = await runOrgLookup(context, { credentialId: credentials[0]!.id }).catch((caught: unknown) => caught);
    expectRateLimited(error);
    expect(error.message).toBe("Too many token tests and org lookups from your account in the last minute.");
    expect((await refusals(context.operator.id))[0]?.detail).toMatchObject({ limit: "tests_per_operator" });

    const other = await addCredential(`nobody-other-${randomUUID()}`, null);
    await expect(runTokenTest(operator("calm"), { credentialId: other.id })).resolves.toMatchObject({ outcome: "failed" });
  });

  it("lets items of a test-all run past a spent operator budget, but not past the credential's", async () => {
    const credentials = await Promise.all([1, 2, 3].map((n) => addCredential(`run-${n}-${randomUUID()}`, null)));
    const context = operator("runner");
    for (const credential of credentials) {
      for (let i = 0; i < PER_OPERATOR / credentials.length; i += 1) await runTokenTest(context, { credentialId: credential.id });
    }
    expectRateLimited(await runTokenTest(context, { credentialId: credentials[0]!.id }).catch((caught: unknown) => caught));

    const fresh = await addCredential(`run-fresh-${randomUUID()}`, null);
    for (let i = 0; i < PER_CREDENTIAL; i += 1) {
      await expect(runTokenTest(context, { credentialId: fresh.id, partOfRun: true })).resolves.toMatchObject({ outcome: "failed" });
    }
    const error = await runOrgLookup(context, { credentialId: fresh.id, partOfRun: true }).catch((caught: unknown) => caught);
    expectRateLimited(error);
    expect(error.message).toBe("Too many token tests and org lookups for this credential in the last minute.");
  });
});

describe("write limits", () => {
  const row = (clientId: string) => ({ label: clientId, issuer: emulator.issuer, clientId, clientSecret: `secret-${clientId}-0123456789` });
  const csv = (rows: number, prefix: string) =>
    ["label,issuer,clientId,clientSecret", ...Array.from({ length: rows }, (_, i) => Object.values(row(`${prefix}-${i}`)).join(","))].join(
      "\n",
    );
  const created = async (prefix: string) => (await store.credentials.list({ staleBefore: dayAgo(), search: prefix, limit: 200 })).total;

  it("counts each created credential and refuses the one over the limit", async () => {
    const context = operator("writer");
    const prefix = `writer-${randomUUID().slice(0, 8)}`;
    for (let i = 0; i < WRITES; i += 1) await createCredential(context, createCredentialSchema.parse(row(`${prefix}-${i}`)));
    const error = await createCredential(context, createCredentialSchema.parse(row(`${prefix}-over`))).catch((caught: unknown) => caught);
    expectRateLimited(error);
    expect(await created(prefix)).toBe(WRITES);
    expect((await refusals(context.operator.id))[0]).toMatchObject({ detail: { limit: "writes_per_operator" }, httpStatus: 429 });
  });

  it("an import takes one point per row at once, or is refused whole and spends nothing", async () => {
    const context = operator("importer");
    const prefix = `import-${randomUUID().slice(0, 8)}`;

    const tooBig = await importCredentials(context, { format: "csv", text: csv(WRITES + 1, `${prefix}-big`) }).catch(
      (caught: unknown) => caught,
    );
    expect(tooBig).toMatchObject({ status: 429, code: "rate_limited", hint: `Split it into parts of at most ${WRITES}.` });
    expect(await created(`${prefix}-big`)).toBe(0);

    await expect(importCredentials(context, { format: "csv", text: csv(6, `${prefix}-a`) })).resolves.toMatchObject({ created: 6 });
    const over = await importCredentials(context, { format: "csv", text: csv(5, `${prefix}-b`) }).catch((caught: unknown) => caught);
    expectRateLimited(over);
    expect(await created(`${prefix}-b`)).toBe(0);

    // The refused import left the remaining four credentials of this minute's budget untouched.
    await expect(importCredentials(context, { format: "csv", text: csv(4, `${prefix}-c`) })).resolves.toMatchObject({ created: 4 });
    expectRateLimited(await createCredential(context, createCredentialSchema.parse(row(`${prefix}-d`))).catch((caught: unknown) => caught));
  });
});
