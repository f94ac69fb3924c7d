import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createCredentialSchema, replaceMaterialSchema } from "./credential";
import { APPLICATION_KEY_MESSAGE, keyFileSchema } from "./key-file";

// What an operator pastes when registering a key or a PAT, and what the form and the API refuse, in their words.

const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const PEM = privateKey.export({ type: "pkcs1", format: "pem" }).toString();
const keyFile = (fields: Record<string, unknown> = {}) =>
  JSON.stringify({
    type: "serviceaccount",
    keyId: "310000000000000001",
    key: PEM,
    userId: "310000000000000000",
    expirationDate: "2099-01-01T00:00:00Z",
    ...fields,
  });
const base = { label: "Key bot", issuer: "https://acme.zitadel.cloud" };

function messages(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }, field: string): string[] {
  return (result.error?.issues ?? []).filter((issue) => issue.path.join(".") === field).map((issue) => issue.message);
}

describe("createCredentialSchema: a union on kind", () => {
  it("reads a body without a kind as a client secret, as before keys and PATs", () => {
    const parsed = createCredentialSchema.parse({ ...base, clientId: "billing-sa", clientSecret: "s3cret-value-1234" });
    expect(parsed.kind).toBe("client_secret");
  });

  it("reads a key file into its ids, key and expiry", () => {
    const parsed = createCredentialSchema.parse({ ...base, kind: "jwt_profile", keyFile: keyFile() });
    expect(parsed).toMatchObject({
      kind: "jwt_profile",
      keyFile: { keyId: "310000000000000001", userId: "310000000000000000", key: PEM, expiresAt: "2099-01-01T00:00:00.000Z" },
      scopes: "openid profile urn:zitadel:iam:org:project:id:zitadel:aud",
    });
  });

  it("registers an already expired key (the status shows it), and one without an expirationDate", () => {
    expect(
      createCredentialSchema.parse({ ...base, kind: "jwt_profile", keyFile: keyFile({ expirationDate: "2025-01-01T00:00:00Z" }) }),
    ).toMatchObject({
      keyFile: { expiresAt: "2025-01-01T00:00:00.000Z" },
    });
    expect(createCredentialSchema.parse({ ...base, kind: "jwt_profile", keyFile: keyFile({ expirationDate: undefined }) })).toMatchObject({
      keyFile: { expiresAt: null },
    });
  });

  it("takes a PAT without scopes or client ID, trimmed", () => {
    expect(createCredentialSchema.parse({ ...base, kind: "pat", token: "  pat-token-value-123  " })).toMatchObject({
      kind: "pat",
      token: "pat-token-value-123",
    });
    expect(messages(createCredentialSchema.safeParse({ ...base, kind: "pat", token: "two words" }), "token")[0]).toMatch(/no spaces/);
  });

  it("refuses an unknown kind, and a key file sent as a client secret's body", () => {
    expect(createCredentialSchema.safeParse({ ...base, kind: "password", token: "x" }).success).toBe(false);
    expect(messages(createCredentialSchema.safeParse({ ...base, kind: "jwt_profile" }), "keyFile")[0]).toMatch(/key file/);
  });
});

describe("keyFileSchema refusals", () => {
  it.each([
    ["text that is not JSON", "-----BEGIN RSA PRIVATE KEY-----", /not a ZITADEL key file/],
    ["a JSON array", "[]", /not a ZITADEL key file/],
    ["a file without keyId", keyFile({ keyId: undefined }), /no keyId/],
    ["a file without userId", keyFile({ userId: undefined }), /no userId/],
    ["a file without key", keyFile({ key: undefined }), /no key/],
    ["a key that is not PEM", keyFile({ key: "c2VjcmV0" }), /not a PEM private key/],
    ["an unreadable expirationDate", keyFile({ expirationDate: "soon" }), /expirationDate is not a date/],
    ["another type of file", keyFile({ type: "user" }), /type "user"/],
  ])("refuses %s", (_name, text, message) => {
    const result = keyFileSchema.safeParse(text);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(message);
  });

  it("refuses an API application's key file, saying where the service user's key is", () => {
    const application = JSON.stringify({ type: "application", keyId: "1", key: PEM, appId: "2", clientId: "3@demo" });
    const result = createCredentialSchema.safeParse({ ...base, kind: "jwt_profile", keyFile: application });
    expect(messages(result, "keyFile")).toEqual([APPLICATION_KEY_MESSAGE]);
    expect(APPLICATION_KEY_MESSAGE).toContain("Users → Service Users → <user> → Keys");
  });

  it("never echoes the key in a refusal", () => {
    const result = keyFileSchema.safeParse(keyFile({ keyId: "" }));
    expect(JSON.stringify(result.error?.issues)).not.toContain(PEM.slice(40, 80));
  });
});

describe("replaceMaterialSchema", () => {
  it("takes exactly one of clientSecret, keyFile or token with the version", () => {
    expect(replaceMaterialSchema.parse({ version: 2, clientSecret: " s " })).toEqual({ version: 2, clientSecret: "s" });
    expect(replaceMaterialSchema.parse({ version: 2, token: "abc" })).toEqual({ version: 2, token: "abc" });
    expect(replaceMaterialSchema.parse({ version: 2, keyFile: keyFile() })).toMatchObject({
      version: 2,
      keyFile: { keyId: "310000000000000001" },
    });
    expect(replaceMaterialSchema.safeParse({ version: 2, clientSecret: "s", token: "t" }).success).toBe(false);
    expect(replaceMaterialSchema.safeParse({ clientSecret: "s" }).success).toBe(false);
    expect(replaceMaterialSchema.safeParse({ version: 2 }).success).toBe(false);
  });

  it("puts a key-file refusal under keyFile, where the form shows it", () => {
    const application = JSON.stringify({ type: "application", keyId: "1", key: PEM, appId: "2", clientId: "3@demo" });
    expect(messages(replaceMaterialSchema.safeParse({ version: 2, keyFile: application }), "keyFile")).toEqual([APPLICATION_KEY_MESSAGE]);
  });
});
