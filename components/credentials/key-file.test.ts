import { describe, expect, it } from "vitest";
import { previewKeyFile } from "./key-file";

const PEM = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\n";

describe("previewKeyFile", () => {
  it("names the key, its user and its expiry, and never the private key", () => {
    const text = JSON.stringify({
      type: "serviceaccount",
      keyId: "3001",
      key: PEM,
      userId: "3000",
      expirationDate: "2099-01-01T00:00:00Z",
    });
    const preview = previewKeyFile(text);
    expect(preview).toEqual({ ok: true, type: "serviceaccount", keyId: "3001", userId: "3000", expiresAt: "2099-01-01T00:00:00.000Z" });
    expect(JSON.stringify(preview)).not.toContain("PRIVATE KEY");
  });

  it("tells an application's key apart", () => {
    const text = JSON.stringify({ type: "application", keyId: "4001", key: PEM, appId: "4000", clientId: "demo-api" });
    expect(previewKeyFile(text)).toEqual({ ok: true, type: "application", keyId: "4001", clientId: "demo-api" });
  });

  it("keeps an unreadable expiry as unknown", () => {
    const text = JSON.stringify({ type: "serviceaccount", keyId: "1", key: PEM, userId: "2", expirationDate: "soon" });
    expect(previewKeyFile(text)).toMatchObject({ ok: true, expiresAt: null });
  });

  it.each([
    ["not JSON", "-----BEGIN RSA PRIVATE KEY-----", "are JSON"],
    ["an array", "[]", "a JSON object"],
    ["no key", JSON.stringify({ type: "serviceaccount", keyId: "1", userId: "2" }), "lacks keyId, userId or key"],
  ])("refuses %s", (_, text, message) => {
    const preview = previewKeyFile(text);
    expect(preview.ok).toBe(false);
    expect(!preview.ok && preview.message).toContain(message);
  });
});
