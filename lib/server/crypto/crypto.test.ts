import { createHash, randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { secretContext, tokenContext } from "./contexts";
import { DecryptError } from "./envelope";
import { Keyring, KeyringError, loadKeyring } from "./keyring";

const keyA = randomBytes(32);
const keyB = randomBytes(32);
const ringA = new Keyring(keyA);
const ctx = secretContext("cred-1", "https://acme.zitadel.cloud", "client-1");
const SECRET = "s3cr3t-ÄÖ-💥";

function replacePart(envelope: string, index: number, change: (bytes: Buffer) => Buffer): string {
  const parts = envelope.split(".");
  parts[index] = change(Buffer.from(parts[index] ?? "", "base64url")).toString("base64url");
  return parts.join(".");
}

function flipBit(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  copy[0] = (copy[0] ?? 0) ^ 0x01;
  return copy;
}

describe("envelopes", () => {
  it("round-trips a secret and names the key by the first 8 hex chars of its SHA-256", () => {
    const envelope = ringA.seal(SECRET, ctx);
    const [version, kid, iv, tag, ct] = envelope.split(".");
    expect(version).toBe("v1");
    expect(kid).toBe(createHash("sha256").update(keyA).digest("hex").slice(0, 8));
    expect(Buffer.from(iv ?? "", "base64url")).toHaveLength(12);
    expect(Buffer.from(tag ?? "", "base64url")).toHaveLength(16);
    expect(ct).not.toContain(SECRET);
    expect(ringA.open(envelope, ctx)).toBe(SECRET);
    expect(ringA.open(ringA.seal("", ctx), ctx)).toBe("");
  });

  it.each([
    ["iv", 2],
    ["tag", 3],
    ["ciphertext", 4],
  ])("rejects a flipped bit in the %s", (_name, index) => {
    const tampered = replacePart(ringA.seal(SECRET, ctx), index, flipBit);
    expect(() => ringA.open(tampered, ctx)).toThrow(DecryptError);
  });

  it("rejects an envelope moved to another row, issuer, client or purpose", () => {
    const envelope = ringA.seal(SECRET, ctx);
    for (const other of [
      secretContext("cred-2", "https://acme.zitadel.cloud", "client-1"),
      secretContext("cred-1", "https://evil.example", "client-1"),
      secretContext("cred-1", "https://acme.zitadel.cloud", "client-2"),
      tokenContext("cred-1", "openid"),
      ["client-secret", "cred-1", "https://acme.zitadel.cloud", "client", "-1"],
    ]) {
      expect(() => ringA.open(envelope, other)).toThrow(DecryptError);
    }
  });

  it("rejects a truncated 4-byte tag instead of accepting it", () => {
    const truncated = replacePart(ringA.seal(SECRET, ctx), 3, (tag) => tag.subarray(0, 4));
    expect(() => ringA.open(truncated, ctx)).toThrow(DecryptError);
  });

  it("rejects the wrong key even when the envelope claims its key id", () => {
    const ringB = new Keyring(keyB);
    const forged = ringA.seal(SECRET, ctx).replace(/^v1\.[0-9a-f]{8}\./, `v1.${ringB.encryptKid}.`);
    expect(() => ringB.open(forged, ctx)).toThrow(DecryptError);
  });

  it("says which key id is missing when an envelope's key is not in the keyring", () => {
    const envelope = ringA.seal(SECRET, ctx);
    const ringB = new Keyring(keyB);
    expect(() => ringB.open(envelope, ctx)).toThrow(new RegExp(`key id ${ringA.encryptKid}.*not in the keyring`));
  });

  it("uses a fresh IV for every envelope", () => {
    const ivs = new Set(Array.from({ length: 500 }, () => ringA.seal(SECRET, ctx).split(".")[2]));
    expect(ivs.size).toBe(500);
  });

  it("rejects malformed envelopes and empty contexts without leaking data", () => {
    for (const bad of ["", "v2.abcdef01.a.b.c", "v1.zz.a.b.c", "v1.abcdef01.!!.b.c", "plaintext-secret"]) {
      expect(() => ringA.open(bad, ctx)).toThrow(DecryptError);
    }
    expect(() => ringA.seal(SECRET, [])).toThrow(TypeError);
  });
});

describe("keyring", () => {
  const dir = mkdtempSync(join(tmpdir(), "m2m-keyring-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("encrypts with the current key and still opens data sealed under a previous key", () => {
    const old = ringA.seal(SECRET, ctx);
    const ring = loadKeyring({ SECRETS_KEY: keyB.toString("base64"), SECRETS_PREVIOUS_KEYS: [keyA.toString("base64")] });
    expect(ring.open(old, ctx)).toBe(SECRET);
    expect(ring.seal(SECRET, ctx).split(".")[1]).toBe(new Keyring(keyB).encryptKid);
    expect(ring.kids.sort()).toEqual([ringA.encryptKid, new Keyring(keyB).encryptKid].sort());
  });

  it("fails closed with a message naming the missing or malformed setting", () => {
    expect(() => loadKeyring({})).toThrow(/SECRETS_KEY is missing/);
    expect(() => loadKeyring({ SECRETS_KEY: "not a key!" })).toThrow(/SECRETS_KEY is malformed.*not base64/);
    expect(() => loadKeyring({ SECRETS_KEY: randomBytes(16).toString("base64") })).toThrow(/SECRETS_KEY is malformed.*got 16 bytes/);
    expect(() => loadKeyring({ SECRETS_KEY: keyA.toString("base64"), SECRETS_PREVIOUS_KEYS: ["short"] })).toThrow(
      /SECRETS_PREVIOUS_KEYS entry 1 is malformed/,
    );
    expect(() => loadKeyring({ SECRETS_KEY: keyA.toString("base64"), SECRETS_KEY_FILE: "/x" })).toThrow(KeyringError);
  });

  it("never echoes key material in its errors", () => {
    const almost = randomBytes(31).toString("base64");
    expect(() => loadKeyring({ SECRETS_KEY: almost })).toThrow(expect.objectContaining({ message: expect.not.stringContaining(almost) }));
  });

  it("reads a key file only when group and others cannot", () => {
    const file = join(dir, "secrets.key");
    writeFileSync(file, `${keyA.toString("base64")}\n`, { mode: 0o600 });
    expect(loadKeyring({ SECRETS_KEY_FILE: file }).encryptKid).toBe(ringA.encryptKid);
    chmodSync(file, 0o644);
    expect(() => loadKeyring({ SECRETS_KEY_FILE: file })).toThrow(/SECRETS_KEY_FILE .* \(mode 0644\).*chmod 600/);
  });

  it("names the key file when it is unreadable or malformed", () => {
    expect(() => loadKeyring({ SECRETS_KEY_FILE: join(dir, "absent.key") })).toThrow(
      /SECRETS_KEY_FILE .*absent\.key cannot be read \(ENOENT\)/,
    );
    const bad = join(dir, "bad.key");
    writeFileSync(bad, "too-short", { mode: 0o600 });
    expect(() => loadKeyring({ SECRETS_KEY_FILE: bad })).toThrow(/SECRETS_KEY_FILE .*bad\.key is malformed/);
  });
});
