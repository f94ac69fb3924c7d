import { generateKeyPairSync, randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { orgLookupResultSchema, tokenTestResultSchema } from "@/lib/schemas/diagnostics";

// Test token and org lookup for a key (JWT profile) and a PAT, against a scripted ZITADEL on a local socket, with a
// real SQLite store and keyring; every log line is kept to prove the key, its assertion and the PAT are never in one.

const captured = vi.hoisted(() => ({ lines: [] as string[] }));
vi.mock("@/lib/server/logger", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/server/logger")>();
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      captured.lines.push(chunk.toString());
      done();
    },
  });
  const logger = original.createLogger("trace", sink);
  return { ...original, getLogger: () => logger };
});

const { seal, secretContext } = await import("@/lib/server/crypto");
const { closeAgents } = await import("@/lib/server/http");
const { setTestEnv } = await import("@/lib/server/http/testing");
const { closeStore, getStore } = await import("@/lib/server/store");
const { newCredential } = await import("@/lib/server/store/testing/fixtures");
const { clearIssuerCaches } = await import("@/lib/server/zitadel/discovery");
const { json, startFakeIssuer } = await import("@/lib/server/zitadel/testing");
const { runOrgLookup, runTokenTest, getHeldToken } = await import("./index");

type FakeIssuer = Awaited<ReturnType<typeof startFakeIssuer>>;

const AUD = "urn:zitadel:iam:org:project:id:zitadel:aud";
const operator = { id: "operator-1", name: "Olga Operator", email: null, login: "olga", role: "operator" as const, sessionIdHash: "s-1" };
const context = { operator, requestId: "req-1", ip: null };
const PEM = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const PAT = `patCanary_${randomBytes(24).toString("base64url")}`;
const ORG = { org: { id: "2863178493", name: "ACME Corporation", primaryDomain: "acme.localhost", state: "ORG_STATE_ACTIVE" } };
const ACCESS_TOKEN = `opaqueAccess_${randomBytes(16).toString("hex")}`;

let zitadel: FakeIssuer;
let dir: string;
let assertions: string[] = [];

beforeAll(async () => {
  zitadel = await startFakeIssuer();
  dir = mkdtempSync(join(tmpdir(), "m2m-kinds-diag-"));
  setTestEnv({ ALLOWED_ISSUERS: zitadel.issuer, SQLITE_PATH: join(dir, "console.sqlite"), LOG_LEVEL: "trace" });
  await getStore();
});

beforeEach(() => {
  clearIssuerCaches();
  zitadel.server.requests.length = 0;
  zitadel.token = (body) => {
    assertions.push(body.get("assertion") ?? "");
    return json(200, { access_token: ACCESS_TOKEN, token_type: "Bearer", expires_in: 43199 });
  };
  zitadel.orgsMe = (req) =>
    req.headers.authorization === `Bearer ${PAT}` || req.headers.authorization === `Bearer ${ACCESS_TOKEN}`
      ? json(200, ORG)
      : json(401, { code: 16, message: "Errors.Token.Invalid (AUTH-7fs1e)", details: [{ id: "AUTH-7fs1e" }] });
});

afterAll(async () => {
  await closeStore();
  await closeAgents();
  await zitadel.server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function addCredential(kind: "jwt_profile" | "pat", material: string, overrides: Record<string, unknown> = {}) {
  const store = await getStore();
  const id = randomUUID();
  const clientId = kind === "pat" ? `pat-${randomBytes(6).toString("hex")}` : `31${randomBytes(6).readUIntBE(0, 6)}`;
  const row = newCredential({
    id,
    issuer: zitadel.issuer,
    clientId,
    kind,
    secretEnvelope: seal(material, secretContext(id, zitadel.issuer, clientId)),
    scopes: kind === "pat" ? "" : `openid ${AUD}`,
    ...(kind === "jwt_profile"
      ? { keyId: `31${randomBytes(6).readUIntBE(0, 6)}`, keyUserId: clientId, keyFingerprint: "fp", expiresAt: "2099-01-01T00:00:00.000Z" }
      : {}),
    ...overrides,
  });
  return store.credentials.create(row, { actor: operator.id, action: "credential.create", credentialId: id, outcome: "success" });
}

const calls = (path: string) => zitadel.count(path);

describe("a key (jwt_profile)", () => {
  it("tests with a signed assertion, holds the token and looks up the org with it from the cache", async () => {
    const credential = await addCredential("jwt_profile", PEM);
    const result = await runTokenTest(context, { credentialId: credential.id });
    expect(tokenTestResultSchema.parse(result)).toEqual(result);
    expect(result).toMatchObject({ outcome: "ok", httpStatus: 200, token: { kind: "opaque" } });
    expect(result.transcript?.request.assertion?.claims).toMatchObject({
      iss: credential.clientId,
      sub: credential.clientId,
      aud: zitadel.issuer,
    });
    expect((await getHeldToken(credential.id)).heldToken).toMatchObject({ obtainedBy: "token_test" });

    const org = await runOrgLookup(context, { credentialId: credential.id });
    expect(org).toMatchObject({ outcome: "ok", tokenCached: true, org: { name: "ACME Corporation" } });
    expect(calls("/oauth/v2/token")).toBe(1);
  });

  it("turns 500 Errors.Internal into the key diagnosis and records it", async () => {
    zitadel.token = () => json(500, { error: "server_error", error_description: "Errors.Internal" });
    const credential = await addCredential("jwt_profile", PEM, { expiresAt: "2025-01-01T00:00:00.000Z" });
    const result = await runTokenTest(context, { credentialId: credential.id });
    expect(result).toMatchObject({ outcome: "failed", diagnosis: { code: "jwt_profile_rejected", title: "The key has expired" } });
    const runs = await (await getStore()).testRuns.list(credential.id);
    expect(runs[0]).toMatchObject({ kind: "token", outcome: "jwt_profile_rejected" });
  });
});

describe("a personal access token (pat)", () => {
  it("token test: records 'not checked' rather than OK, and leaves the health as the last live check left it", async () => {
    const credential = await addCredential("pat", PAT);
    await runOrgLookup(context, { credentialId: credential.id });
    const result = await runTokenTest(context, { credentialId: credential.id });
    expect(result.outcome).toBe("ok");
    const store = await getStore();
    expect((await store.testRuns.list(credential.id)).map((run) => [run.kind, run.outcome])).toEqual([
      ["token", "not_checked"],
      ["org", "ok"],
    ]);
    expect((await store.credentials.getWithLastTest(credential.id))?.health).toMatchObject({ status: "working" });
  });

  it("token test: an expiry that has passed is a finding, without sending the PAT", async () => {
    const credential = await addCredential("pat", PAT, { expiresAt: "2025-01-01T00:00:00.000Z" });
    const result = await runTokenTest(context, { credentialId: credential.id });
    expect(result).toMatchObject({ outcome: "failed", diagnosis: { code: "pat_expired", title: "The personal access token has expired" } });
    expect(zitadel.server.requests).toHaveLength(0);
    const store = await getStore();
    expect((await store.testRuns.list(credential.id))[0]).toMatchObject({ kind: "token", outcome: "pat_expired" });
    expect((await store.credentials.getWithLastTest(credential.id))?.health).toMatchObject({ status: "token_fails", code: "pat_expired" });
  });

  it("org lookup: a JWT PAT that ZITADEL accepted names its service user, which the credential keeps", async () => {
    const claims = { sub: "3100000001", preferred_username: "acme-pat-bot", exp: Math.floor(Date.now() / 1000) + 86_400 };
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const jwt = [part({ alg: "RS256", typ: "JWT" }), part(claims), "c2ln"].join(".");
    zitadel.orgsMe = (req) => (req.headers.authorization === `Bearer ${jwt}` ? json(200, ORG) : json(401, {}));
    const credential = await addCredential("pat", jwt);
    await runOrgLookup(context, { credentialId: credential.id });
    expect((await (await getStore()).credentials.get(credential.id))?.serviceUser).toBe("acme-pat-bot");
  });

  it("token test: describes the PAT without calling ZITADEL", async () => {
    const credential = await addCredential("pat", PAT);
    const result = await runTokenTest(context, { credentialId: credential.id });
    expect(tokenTestResultSchema.parse(result)).toEqual(result);
    expect(result).toMatchObject({
      source: "pat",
      outcome: "ok",
      httpStatus: null,
      transcript: null,
      pat: { kind: "opaque", expiresAt: null, length: PAT.length },
    });
    expect(result.curl).toContain("paste the personal access token");
    expect(zitadel.server.requests).toHaveLength(0);
  });

  it("org lookup: sends the PAT as the Bearer token itself, and caches nothing", async () => {
    const credential = await addCredential("pat", PAT);
    const result = await runOrgLookup(context, { credentialId: credential.id });
    expect(orgLookupResultSchema.parse(result)).toEqual(result);
    expect(result).toMatchObject({ outcome: "ok", tokenCached: false, org: { id: "2863178493" } });
    expect(zitadel.server.requests.find((request) => request.url.startsWith("/management/v1/orgs/me"))?.headers.authorization).toBe(
      `Bearer ${PAT}`,
    );
    expect(calls("/oauth/v2/token")).toBe(0);
    expect((await getHeldToken(credential.id)).heldToken).toBeNull();
  });

  it("org lookup with an expired PAT: the 401 diagnosis says to create a new PAT and replace it here", async () => {
    const credential = await addCredential("pat", "expiredPatValue_0123456789abcdef");
    const result = await runOrgLookup(context, { credentialId: credential.id });
    expect(result.diagnosis).toMatchObject({ code: "token_invalid", title: "ZITADEL did not accept the personal access token" });
    expect(result.diagnosis?.fix).toMatch(/Personal Access Tokens.*"Replace token"/);
    expect(calls("/management/v1/orgs/me")).toBe(1);
  });
});

describe("what leaves the server", () => {
  it("no result, test run, audit row or log line carries the private key, an assertion or the PAT", async () => {
    const key = await addCredential("jwt_profile", PEM);
    const pat = await addCredential("pat", PAT);
    assertions = [];
    const shown = [
      await runTokenTest(context, { credentialId: key.id }),
      await runOrgLookup(context, { credentialId: key.id }),
      await runTokenTest(context, { credentialId: pat.id }),
      await runOrgLookup(context, { credentialId: pat.id }),
    ];
    const store = await getStore();
    const text = JSON.stringify([
      shown,
      await store.testRuns.list(key.id),
      await store.testRuns.list(pat.id),
      await store.audit.list({ limit: 200 }),
      captured.lines,
    ]);
    expect(assertions.length).toBeGreaterThan(0);
    expect(text).not.toContain(PEM.split("\n")[2]!);
    expect(text).not.toContain(PAT);
    for (const assertion of assertions) expect(text).not.toContain(assertion.split(".")[2]!);
  });
});
