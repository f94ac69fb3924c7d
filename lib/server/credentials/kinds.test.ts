import { createHash, generateKeyPairSync, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createCredentialSchema, replaceMaterialSchema } from "@/lib/schemas/credential";
import type { Store } from "@/lib/server/store/types";

// Keys and PATs through the credential use cases, against a real SQLite store and keyring: identity per kind,
// replacement per kind, and that the private key and the PAT show up nowhere but in their envelope.

const env = vi.hoisted(() => {
  process.env.NEXTAUTH_SECRET = "unit-test-auth-secret-0123456789abcdef";
  process.env.SECRETS_KEY = Buffer.alloc(32, 9).toString("base64");
  return { store: undefined as Promise<Store> | undefined, lines: [] as string[] };
});

vi.mock("@/lib/server/store", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/server/store")>()),
  getStore: () => env.store,
}));

// Every log line the use cases write, at the most talkative level.
vi.mock("@/lib/server/logger", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/server/logger")>();
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      env.lines.push(chunk.toString());
      done();
    },
  });
  const logger = original.createLogger("trace", sink);
  return { ...original, getLogger: () => logger };
});

const { createStore } = await import("@/lib/server/store");
const { open, secretContext } = await import("@/lib/server/crypto");
const uc = await import("@/lib/server/credentials");
const { listAudit } = await import("@/lib/server/audit");
const { keyFingerprint, readPrivateKey } = await import("./key-material");

const dir = mkdtempSync(join(tmpdir(), "m2m-kinds-"));
let store: Store;
const context = {
  operator: { id: "op-7", name: "Ada Admin", email: null, login: "ada", role: "admin" as const, sessionIdHash: "session-7" },
  requestId: "req-7",
  ip: "192.0.2.7",
};
const ISSUER = "https://acme.zitadel.cloud";

function newKey() {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    pkcs1: privateKey.export({ type: "pkcs1", format: "pem" }).toString(),
    pkcs8: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    spki: publicKey.export({ type: "spki", format: "der" }),
  };
}

const userId = () => `3${randomBytes(8).readBigUInt64BE().toString().slice(0, 17)}`;
const keyFile = (pem: string, fields: Record<string, unknown>) =>
  JSON.stringify({
    type: "serviceaccount",
    keyId: `k${randomBytes(6).toString("hex")}`,
    key: pem,
    expirationDate: "2099-01-01T00:00:00Z",
    ...fields,
  });
const keyInput = (file: string, overrides: Record<string, unknown> = {}) =>
  createCredentialSchema.parse({ kind: "jwt_profile", label: "Key bot", issuer: ISSUER, keyFile: file, ...overrides });
const patInput = (token: string) => createCredentialSchema.parse({ kind: "pat", label: "Reporter PAT", issuer: ISSUER, token });

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail("expected a rejection"),
    (error: unknown) => error,
  );
}

beforeAll(async () => {
  env.store = createStore({ driver: "sqlite", path: join(dir, "console.sqlite") });
  store = await env.store;
});

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("a service user's key (jwt_profile)", () => {
  it("registers under the key file's userId, seals the PEM and shows only ids, fingerprint and expiry", async () => {
    const key = newKey();
    const user = userId();
    const created = await uc.createCredential(context, keyInput(keyFile(key.pkcs1, { userId: user, keyId: "key-one" })));
    expect(created).toMatchObject({
      kind: "jwt_profile",
      clientId: user,
      key: { keyId: "key-one", userId: user, fingerprint: createHash("sha256").update(key.spki).digest("base64url") },
      expiresAt: "2099-01-01T00:00:00.000Z",
      expiry: "valid",
      hasSecret: true,
      secretHint: null,
    });
    const row = await store.credentials.get(created.id);
    // Kept apart from other keys of the same user by an internal client ID, as a PAT is.
    expect(row!.clientId).toMatch(/^key-[\w-]{16}$/);
    expect(open(row!.secretEnvelope!, secretContext(created.id, ISSUER, row!.clientId))).toBe(key.pkcs1);
  });

  it("gives a PKCS#1 and a PKCS#8 PEM of the same key the same fingerprint", () => {
    const key = newKey();
    expect(keyFingerprint(readPrivateKey(key.pkcs1)!)).toBe(keyFingerprint(readPrivateKey(key.pkcs8)!));
    expect(readPrivateKey("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----")).toBeNull();
    const ec = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    expect(readPrivateKey(ec)).toBeNull();
  });

  it("refuses a key that is not a readable RSA private key, under keyFile", async () => {
    const broken = keyFile("-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----", { userId: userId() });
    expect(await rejection(uc.createCredential(context, keyInput(broken)))).toMatchObject({
      code: "validation_failed",
      fields: { keyFile: [expect.stringContaining("not a readable RSA private key")] },
    });
  });

  it("registers an expired key so its status can say so", async () => {
    const created = await uc.createCredential(
      context,
      keyInput(keyFile(newKey().pkcs8, { userId: userId(), expirationDate: "2025-01-01T00:00:00Z" })),
    );
    expect(created).toMatchObject({ expiresAt: "2025-01-01T00:00:00.000Z", expiry: "expired" });
  });

  it("registers a second key of the same user as a credential of its own, and refuses the same key twice naming the first", async () => {
    const user = userId();
    const first = await uc.createCredential(
      context,
      keyInput(keyFile(newKey().pkcs1, { userId: user, keyId: "k-working" }), { label: "First" }),
    );
    const second = await uc.createCredential(
      context,
      keyInput(keyFile(newKey().pkcs1, { userId: user, keyId: "k-expired", expirationDate: "2025-01-01T00:00:00Z" })),
    );
    expect(second).toMatchObject({ clientId: user, key: { keyId: "k-expired", userId: user }, expiry: "expired" });
    expect(second.id).not.toBe(first.id);

    const again = await rejection(uc.createCredential(context, keyInput(keyFile(newKey().pkcs1, { userId: user, keyId: "k-working" }))));
    expect(again).toMatchObject({
      status: 409,
      fields: { keyFile: [expect.stringContaining("The key k-working at acme.zitadel.cloud is already registered as First")] },
      conflict: { credentialId: first.id, label: "First" },
    });
    expect((again as { hint?: string }).hint).toContain(`Open First (/credentials/${first.id})`);
  });

  it("renames a label it derived from the key when the key is replaced, and keeps one the operator typed", async () => {
    const user = userId();
    const derived = await uc.createCredential(
      context,
      keyInput(keyFile(newKey().pkcs1, { userId: user, keyId: "k-001" }), { label: "key k-001" }),
    );
    const typed = await uc.createCredential(
      context,
      keyInput(keyFile(newKey().pkcs1, { userId: user, keyId: "k-101" }), { label: "Billing key" }),
    );
    const replace = (id: string, keyId: string) =>
      uc.replaceSecret(context, id, replaceMaterialSchema.parse({ version: 1, keyFile: keyFile(newKey().pkcs1, { userId: user, keyId }) }));
    expect(await replace(derived.id, "k-002")).toMatchObject({ label: "key k-002", key: { keyId: "k-002" } });
    expect(await replace(typed.id, "k-102")).toMatchObject({ label: "Billing key", key: { keyId: "k-102" } });
  });

  it("refuses a replacement key that another credential holds, naming that credential", async () => {
    const user = userId();
    const holder = await uc.createCredential(
      context,
      keyInput(keyFile(newKey().pkcs1, { userId: user, keyId: "k-held" }), { label: "Holder" }),
    );
    const other = await uc.createCredential(context, keyInput(keyFile(newKey().pkcs1, { userId: user })));
    const refused = await rejection(
      uc.replaceSecret(
        context,
        other.id,
        replaceMaterialSchema.parse({ version: 1, keyFile: keyFile(newKey().pkcs1, { userId: user, keyId: "k-held" }) }),
      ),
    );
    expect(refused).toMatchObject({ status: 409, conflict: { credentialId: holder.id, label: "Holder" } });
  });

  it("replaces the key (ids, fingerprint, expiry) only with a key of the same user, and never with a secret", async () => {
    const user = userId();
    const created = await uc.createCredential(context, keyInput(keyFile(newKey().pkcs1, { userId: user, keyId: "old" })));
    const next = newKey();
    const replaced = await uc.replaceSecret(
      context,
      created.id,
      replaceMaterialSchema.parse({
        version: 1,
        keyFile: keyFile(next.pkcs8, { userId: user, keyId: "new", expirationDate: "2030-06-01T00:00:00Z" }),
      }),
    );
    expect(replaced).toMatchObject({ version: 2, key: { keyId: "new", userId: user }, expiresAt: "2030-06-01T00:00:00.000Z" });
    expect(replaced.key?.fingerprint).not.toBe(created.key?.fingerprint);
    const row = (await store.credentials.get(created.id))!;
    expect(open(row.secretEnvelope!, secretContext(created.id, ISSUER, row.clientId))).toBe(next.pkcs8);

    const otherUser = await rejection(
      uc.replaceSecret(
        context,
        created.id,
        replaceMaterialSchema.parse({ version: 2, keyFile: keyFile(newKey().pkcs1, { userId: userId() }) }),
      ),
    );
    expect(otherUser).toMatchObject({
      code: "validation_failed",
      fields: { keyFile: [expect.stringContaining("Register it as a new credential")] },
    });
    const secret = await rejection(uc.replaceSecret(context, created.id, { version: 2, clientSecret: "a-client-secret-value" }));
    expect(secret).toMatchObject({
      code: "validation_failed",
      message: "This credential uses a key file; send keyFile, not a client secret.",
    });
  });

  it("does not let an edit change the client ID the key file gave it", async () => {
    const created = await uc.createCredential(context, keyInput(keyFile(newKey().pkcs1, { userId: userId() })));
    const edit = await rejection(uc.updateCredential(context, created.id, { version: 1, clientId: "someone-else" }));
    expect(edit).toMatchObject({ code: "validation_failed", fields: { clientId: [expect.stringContaining("user ID from its key file")] } });
  });
});

describe("a personal access token (pat)", () => {
  it("gets an internal pat- client ID unrelated to the token, a hint of its last characters and no expiry", async () => {
    const token = `pat${randomBytes(30).toString("base64url")}`;
    const created = await uc.createCredential(context, patInput(token));
    expect(created.clientId).toMatch(/^pat-[\w-]{16}$/);
    expect(token).not.toContain(created.clientId.slice(4));
    expect(created).toMatchObject({
      kind: "pat",
      key: null,
      expiresAt: null,
      expiry: null,
      secretHint: `••••${token.slice(-4)}`,
      scopes: "",
    });
    const again = await uc.createCredential(context, patInput(token));
    expect(again.clientId).not.toBe(created.clientId);
  });

  it("takes the expiry of a JWT PAT from its exp, and warns within CREDENTIAL_EXPIRY_WARNING_DAYS", async () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const exp = Math.floor(Date.now() / 1000) + 3 * 24 * 3600;
    const jwt = await new SignJWT({ sub: "u1" }).setProtectedHeader({ alg: "RS256" }).setExpirationTime(exp).sign(privateKey);
    const created = await uc.createCredential(context, patInput(jwt));
    expect(created).toMatchObject({ expiresAt: new Date(exp * 1000).toISOString(), expiry: "expires_soon" });
  });

  it("replaces the token only with a token", async () => {
    const created = await uc.createCredential(context, patInput(`pat${randomBytes(20).toString("hex")}`));
    const replaced = await uc.replaceSecret(context, created.id, { version: 1, token: "newTokenValue-abcd" });
    expect(replaced).toMatchObject({ version: 2, secretHint: "••••abcd" });
    const wrong = await rejection(
      uc.replaceSecret(context, created.id, replaceMaterialSchema.parse({ version: 2, keyFile: keyFile(newKey().pkcs1, { userId: "1" }) })),
    );
    expect(wrong).toMatchObject({ fields: { token: ["This credential uses a personal access token; send token, not a key file."] } });
  });
});

describe("what leaves the server", () => {
  it("never carries the PEM or the PAT: not in a DTO, the list, an export, the audit log or a log line", async () => {
    const key = newKey();
    const token = `patLeakCanary${randomBytes(24).toString("hex")}`;
    const keyCredential = await uc.createCredential(context, keyInput(keyFile(key.pkcs1, { userId: userId() })));
    const patCredential = await uc.createCredential(context, patInput(token));
    await rejection(
      uc.createCredential(context, keyInput(keyFile(key.pkcs1, { userId: keyCredential.clientId, keyId: keyCredential.key!.keyId }))),
    );
    await uc.replaceSecret(context, patCredential.id, { version: 1, token: `${token}-2` });

    const body = key.pkcs1.split("\n")[3]!;
    const seen = JSON.stringify([
      keyCredential,
      patCredential,
      await uc.listCredentials({ limit: 200 }),
      (await uc.exportCredentials({ format: "json" })).body,
      (await uc.exportCredentials({ format: "csv" })).body,
      await listAudit({ limit: 200, cursor: null }),
      env.lines,
    ]);
    expect(body.length).toBeGreaterThan(40);
    expect(seen).not.toContain(body);
    expect(seen).not.toContain(token);
    const exported = JSON.parse((await uc.exportCredentials({ format: "json" })).body) as { items: { id: string; kind: string }[] };
    expect(exported.items.find((item) => item.id === keyCredential.id)?.kind).toBe("jwt_profile");
    const audit = await listAudit({ credentialId: keyCredential.id, limit: 10, cursor: null });
    expect(audit.items.at(-1)).toMatchObject({ action: "credential.create", detail: { kind: "jwt_profile" } });
  });

  it("refuses CSV rows of another kind, in plain words", async () => {
    const csv = `label,issuer,clientId,clientSecret,kind\nA,${ISSUER},a-${randomBytes(3).toString("hex")},secret-value-1,client_secret\nB,${ISSUER},b,tok,pat\n`;
    const result = await uc.importCredentials(context, { format: "csv", text: csv });
    expect(result.created).toBe(1);
    expect(result.failed).toEqual([{ row: 3, message: expect.stringContaining("CSV import registers client secrets only") }]);
  });
});
