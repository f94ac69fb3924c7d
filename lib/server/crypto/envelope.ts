import "server-only";
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";

// AES-256-GCM envelopes: "v1.<kid>.<iv>.<tag>.<ct>", each part base64url (docs/security.md#envelopes).

export const ENVELOPE_VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const KID_PATTERN = /^[0-9a-f]{8}$/;
const BASE64URL_PATTERN = /^[A-Za-z0-9_-]*$/;
const SUBKEY_LABEL = Buffer.from("m2m-console envelope v1\0");

/** Thrown for any envelope that cannot be opened; the message never includes key material or data. */
export class DecryptError extends Error {
  constructor(message = "the secret cannot be decrypted (wrong key, wrong record or tampered data)") {
    super(message);
    this.name = "DecryptError";
  }
}

export interface ParsedEnvelope {
  kid: string;
  iv: Buffer;
  tag: Buffer;
  ct: Buffer;
}

export function keyId(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 8);
}

/** The key id an envelope names, or null when the text is not a v1 envelope. */
export function envelopeKid(envelope: string): string | null {
  const [version, kid] = envelope.split(".");
  return version === ENVELOPE_VERSION && kid !== undefined && KID_PATTERN.test(kid) ? kid : null;
}

export function parseEnvelope(envelope: string): ParsedEnvelope {
  const parts = envelope.split(".");
  if (parts.length !== 5 || parts[0] !== ENVELOPE_VERSION) throw new DecryptError("the secret is not a v1 envelope");
  const [, kid = "", iv = "", tag = "", ct = ""] = parts;
  if (!KID_PATTERN.test(kid) || ![iv, tag, ct].every((part) => BASE64URL_PATTERN.test(part))) {
    throw new DecryptError("the secret envelope is malformed");
  }
  const parsed = { kid, iv: Buffer.from(iv, "base64url"), tag: Buffer.from(tag, "base64url"), ct: Buffer.from(ct, "base64url") };
  // Node accepts truncated GCM tags unless told otherwise: check the length ourselves too.
  if (parsed.iv.length !== IV_BYTES || parsed.tag.length !== TAG_BYTES) throw new DecryptError("the secret envelope is malformed");
  return parsed;
}

export function sealWithKey(key: Buffer, kid: string, plaintext: string, context: readonly string[]): string {
  const aad = associatedData(context);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", recordKey(key, aad), iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [ENVELOPE_VERSION, kid, iv.toString("base64url"), tag.toString("base64url"), ct.toString("base64url")].join(".");
}

export function openWithKey(key: Buffer, envelope: ParsedEnvelope, context: readonly string[]): string {
  const aad = associatedData(context);
  try {
    const decipher = createDecipheriv("aes-256-gcm", recordKey(key, aad), envelope.iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(envelope.tag);
    return Buffer.concat([decipher.update(envelope.ct), decipher.final()]).toString("utf8");
  } catch {
    throw new DecryptError();
  }
}

export function assertKeyLength(key: Buffer): void {
  if (key.length !== KEY_BYTES) throw new RangeError(`an encryption key must be ${KEY_BYTES} bytes`);
}

// JSON of an array is unambiguous: ["a.b","c"] and ["a","b.c"] never collide.
function associatedData(context: readonly string[]): Buffer {
  if (context.length === 0 || context.some((part) => typeof part !== "string")) {
    throw new TypeError("an envelope context must be a non-empty list of strings");
  }
  return Buffer.from(JSON.stringify([ENVELOPE_VERSION, ...context]), "utf8");
}

// A key per record (HKDF over the context) keeps random-IV use per key far below GCM's limits.
function recordKey(key: Buffer, aad: Buffer): Buffer {
  const info = Buffer.concat([SUBKEY_LABEL, createHash("sha256").update(aad).digest()]);
  return Buffer.from(hkdfSync("sha256", key, Buffer.alloc(0), info, KEY_BYTES));
}
