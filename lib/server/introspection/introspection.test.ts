import { generateKeyPairSync, randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { ApiError } from "@/lib/api-error";
import { introspectionClientSchema, introspectionResultSchema } from "@/lib/schemas/introspection";
import { DecryptError, introspectionClientContext, open, seal, secretContext, tokenContext } from "@/lib/server/crypto";
import { runTokenTest } from "@/lib/server/diagnostics";
import { toScopeKey } from "@/lib/server/diagnostics/token-source";
import { closeAgents } from "@/lib/server/http";
import { setTestEnv } from "@/lib/server/http/testing";
import { closeStore, getStore, type CredentialRow, type Store } from "@/lib/server/store";
import { newCredential } from "@/lib/server/store/testing/fixtures";
import { startEmulatorProcess, type EmulatorProcess } from "@/lib/server/testing/emulator-process";
import { createIntrospectionClient, deleteIntrospectionClient, listIntrospectionClients, runIntrospection } from "./index";

// The use cases end to end: SQLite store, real crypto, the ZITADEL emulator's introspection endpoint (API app demo-api
// of project 500000000000000002), and a captured log. No answer, audit row or log line may hold a token or secret.

const logLines: string[] = [];
vi.mock("@/lib/server/logger", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/server/logger")>();
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString());
      done();
    },
  });
  return { ...original, getLogger: () => original.createLogger("debug", sink) };
});

const API_PROJECT_AUD = "urn:zitadel:iam:org:project:id:500000000000000002:aud";
const DEMO_API = { clientId: "demo-api", clientSecret: "demo-api-secret" };
const REPORTER = { clientId: "acme-reporter", secret: "Rep0rterDemoSecretAcme2026xxxxx1" };
const admin = { id: "admin-1", name: "Ada Admin", email: null, login: "ada", role: "admin" as const, sessionIdHash: "s-1" };
const context = { operator: admin, requestId: "req-1", ip: null };

let emulator: EmulatorProcess;
let store: Store;
let dir: string;
const credentials: string[] = [];

beforeAll(async () => {
  emulator = await startEmulatorProcess();
  dir = mkdtempSync(join(tmpdir(), "m2m-introspection-"));
  setTestEnv({ ALLOWED_ISSUERS: emulator.issuer, SQLITE_PATH: join(dir, "console.sqlite") });
  store = await getStore();
});

afterEach(async () => {
  for (const client of await store.introspectionClients.list()) await deleteIntrospectionClient(context, client.id, client.version);
  for (const id of credentials.splice(0)) {
    await store.credentials.delete(id, null, { actor: admin.id, action: "credential.delete", credentialId: id, outcome: "success" });
  }
});

afterAll(async () => {
  await closeStore();
  await closeAgents();
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

async function addCredential(scopes: string, overrides: Partial<CredentialRow> = {}): Promise<CredentialRow> {
  const id = overrides.id ?? randomUUID();
  const issuer = emulator.issuer;
  const row = newCredential({
    id,
    issuer,
    clientId: REPORTER.clientId,
    secretEnvelope: seal(REPORTER.secret, secretContext(id, issuer, REPORTER.clientId)),
    scopes,
    ...overrides,
  });
  credentials.push(id);
  return store.credentials.create(row, { actor: admin.id, action: "credential.create", credentialId: id, outcome: "success" });
}

async function heldToken(credential: CredentialRow): Promise<string> {
  const scopeKey = toScopeKey(credential.scopes.split(" "));
  const row = await store.tokenCache.get(credential.id, scopeKey);
  if (!row) throw new Error("no held token");
  return open(row.tokenEnvelope, tokenContext(credential.id, scopeKey));
}

async function introspectionAudit(credentialId: string) {
  return (await store.audit.list({ credentialId, action: "credential.introspect" })).items;
}

function expectNowhere(needles: string[], ...places: unknown[]): void {
  const text = JSON.stringify(places) + logLines.join("");
  for (const needle of needles) expect(text).not.toContain(needle);
}

const applicationKeyFile = (overrides: Record<string, unknown> = {}) => {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const key = privateKey.export({ type: "pkcs1", format: "pem" }).toString();
  return { text: JSON.stringify({ type: "application", keyId: "k-1", key, appId: "a-1", clientId: "312@demo", ...overrides }), key };
};

describe("introspection clients", () => {
  it("registers one client per issuer and never answers with its secret; the envelope opens only as this client's", async () => {
    const created = await createIntrospectionClient(context, { method: "client_secret", issuer: emulator.issuer, ...DEMO_API });
    expect(introspectionClientSchema.strict().parse(created)).toEqual(created);
    expect(created).toMatchObject({
      issuer: emulator.issuer,
      method: "client_secret",
      clientId: "demo-api",
      keyId: null,
      createdBy: "Ada Admin",
    });
    const list = await listIntrospectionClients();
    expect(list.items).toEqual([created]);
    expectNowhere([DEMO_API.clientSecret], created, list);

    const row = await store.introspectionClients.get(created.id);
    const envelope = row?.secretEnvelope ?? "";
    expect(open(envelope, introspectionClientContext(created.id, emulator.issuer, "demo-api"))).toBe(DEMO_API.clientSecret);
    // Copied into a credential's secret column, the envelope does not open: contexts differ by purpose.
    expect(() => open(envelope, secretContext(created.id, emulator.issuer, "demo-api"))).toThrow(DecryptError);

    const second = createIntrospectionClient(context, { method: "client_secret", issuer: emulator.issuer, ...DEMO_API });
    await expect(second).rejects.toMatchObject({ code: "conflict", status: 409 });
    const audit = (await store.audit.list({ action: "introspection_client.create" })).items;
    expect(audit.map((entry) => entry.outcome).sort()).toEqual(["failure", "success"]);
    expect(audit.every((entry) => entry.credentialId === null && entry.issuer === emulator.issuer)).toBe(true);

    await deleteIntrospectionClient(context, created.id, created.version);
    expect((await listIntrospectionClients()).items).toEqual([]);
    expect((await store.audit.list({ action: "introspection_client.delete" })).total).toBe(1);
  });

  it("keeps an API application's key file: its PEM sealed, its key id and client ID shown", async () => {
    const { text, key } = applicationKeyFile();
    const created = await createIntrospectionClient(context, { method: "private_key_jwt", issuer: emulator.issuer, keyFile: text });
    expect(created).toMatchObject({ method: "private_key_jwt", clientId: "312@demo", keyId: "k-1" });
    expectNowhere([key.split("\n")[1] ?? "", "PRIVATE KEY"], created, await listIntrospectionClients());
  });

  it.each([
    ["a service user's key", { type: "serviceaccount", userId: "1" }, "Service users cannot introspect tokens in ZITADEL"],
    ["another type", { type: "other" }, '"type" is not "application"'],
    ["no client ID", { clientId: "" }, "no clientId"],
    ["a key that is not RSA", { key: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----" }, "not a readable RSA private key"],
  ])("refuses %s with a reason under the key file field", async (_name, overrides, message) => {
    const attempt = createIntrospectionClient(context, {
      method: "private_key_jwt",
      issuer: emulator.issuer,
      keyFile: applicationKeyFile(overrides).text,
    });
    const error = await attempt.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).fields?.keyFile?.[0]).toContain(message);
    expect(await store.introspectionClients.getForIssuer(emulator.issuer)).toBeNull();
  });

  it("refuses text that is not JSON", async () => {
    const attempt = createIntrospectionClient(context, { method: "private_key_jwt", issuer: emulator.issuer, keyFile: "not json" });
    await expect(attempt).rejects.toMatchObject({ code: "validation_failed", fields: { keyFile: [expect.stringContaining("not JSON")] } });
  });
});

describe("runIntrospection", () => {
  it("answers configured:false while the issuer has no introspection client", async () => {
    const credential = await addCredential(`openid ${API_PROJECT_AUD}`);
    expect(await runIntrospection(context, { credentialId: credential.id })).toEqual({ configured: false });
  });

  it("asks for a token test first when the console holds no token", async () => {
    await createIntrospectionClient(context, { method: "client_secret", issuer: emulator.issuer, ...DEMO_API });
    const credential = await addCredential(`openid ${API_PROJECT_AUD}`);
    const error = await runIntrospection(context, { credentialId: credential.id }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "conflict", status: 409 });
    expect((error as ApiError).message).toMatch(/^Test the token first/);
  });

  it("reports an active token with its claims when it carries the API project's audience, and audits without the token", async () => {
    await createIntrospectionClient(context, { method: "client_secret", issuer: emulator.issuer, ...DEMO_API });
    const credential = await addCredential(`openid profile ${API_PROJECT_AUD}`);
    await runTokenTest(context, { credentialId: credential.id });
    const token = await heldToken(credential);
    logLines.length = 0;

    const answer = await runIntrospection(context, { credentialId: credential.id });
    expect(introspectionResultSchema.parse(answer)).toEqual(answer);
    expect(answer).toMatchObject({
      configured: true,
      outcome: "active",
      httpStatus: 200,
      diagnosis: null,
      claims: { active: true, clientId: "acme-reporter", username: "acme-reporter", aud: expect.arrayContaining(["500000000000000002"]) },
    });
    const audit = await introspectionAudit(credential.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      outcome: "success",
      httpStatus: 200,
      detail: { result: "active", token: "held_token", method: "client_secret" },
    });
    expectNowhere([token, DEMO_API.clientSecret, REPORTER.secret], answer, audit);
  });

  it("explains an inactive token: the scopes ask for no API project, so demo-api may not see it", async () => {
    await createIntrospectionClient(context, { method: "client_secret", issuer: emulator.issuer, ...DEMO_API });
    const credential = await addCredential("openid urn:zitadel:iam:org:project:id:zitadel:aud");
    await runTokenTest(context, { credentialId: credential.id });
    const answer = await runIntrospection(context, { credentialId: credential.id });
    expect(answer).toMatchObject({
      configured: true,
      outcome: "inactive",
      claims: { active: false },
      diagnosis: { code: "token_inactive" },
    });
    if (!answer.configured || !answer.diagnosis) return;
    expect(answer.diagnosis.explanation).toMatch(/\(1\) The token's audience does not include/);
    expect(answer.diagnosis.fix).toContain("urn:zitadel:iam:org:project:id:{your API project id}:aud");
    expect((await introspectionAudit(credential.id))[0]).toMatchObject({
      outcome: "failure",
      detail: { result: "inactive", diagnosis: "token_inactive" },
    });
  });

  it("blames the introspection client when ZITADEL refuses its secret", async () => {
    await createIntrospectionClient(context, {
      method: "client_secret",
      issuer: emulator.issuer,
      clientId: "demo-api",
      clientSecret: "wrong-secret-value",
    });
    const credential = await addCredential(`openid ${API_PROJECT_AUD}`);
    await runTokenTest(context, { credentialId: credential.id });
    const answer = await runIntrospection(context, { credentialId: credential.id });
    expect(answer).toMatchObject({
      configured: true,
      outcome: "failed",
      claims: null,
      diagnosis: { code: "introspection_client_rejected" },
    });
    expectNowhere(["wrong-secret-value", await heldToken(credential)], answer);
  });

  it("introspects a PAT itself, not a held token, and keeps the expiry ZITADEL reports for it", async () => {
    await createIntrospectionClient(context, { method: "client_secret", issuer: emulator.issuer, ...DEMO_API });
    const { token, expirationDate } = seededPat("2099");
    const id = randomUUID();
    const pat = await addCredential("", {
      id,
      kind: "pat",
      clientId: `pat-${id}`,
      secretEnvelope: seal(token, secretContext(id, emulator.issuer, `pat-${id}`)),
    });
    expect(pat.expiresAt).toBeNull();
    const answer = await runIntrospection(context, { credentialId: pat.id });
    expect(answer).toMatchObject({ configured: true, outcome: "active" });
    expect((await introspectionAudit(pat.id))[0]).toMatchObject({ detail: { token: "pat" } });
    expectNowhere([token], answer);
    const after = await store.credentials.get(pat.id);
    expect(after?.expiresAt).toBe(new Date(expirationDate).toISOString());
    expect(after?.version).toBe(pat.version);
  });

  it("introspects an expired PAT as inactive and says it has expired", async () => {
    await createIntrospectionClient(context, { method: "client_secret", issuer: emulator.issuer, ...DEMO_API });
    const { token } = seededPat("2025");
    const id = randomUUID();
    const pat = await addCredential("", {
      id,
      kind: "pat",
      clientId: `pat-${id}`,
      secretEnvelope: seal(token, secretContext(id, emulator.issuer, `pat-${id}`)),
    });
    const answer = await runIntrospection(context, { credentialId: pat.id });
    expect(answer).toMatchObject({ configured: true, outcome: "inactive", diagnosis: { code: "token_inactive" } });
    expect((await store.credentials.get(pat.id))?.expiresAt).toBeNull();
  });
});

/** The emulator's demo PATs (acme-reporter's), by the year they expire. */
function seededPat(year: string): { token: string; expirationDate: string } {
  const seed = JSON.parse(readFileSync(join(process.cwd(), "emulator", "seed", "demo.json"), "utf8")) as {
    serviceUsers: { pats?: { token: string; expirationDate: string }[] }[];
  };
  const pat = seed.serviceUsers.flatMap((user) => user.pats ?? []).find((item) => item.expirationDate.startsWith(year));
  if (!pat) throw new Error(`no seeded PAT expiring in ${year}`);
  return pat;
}
