import "server-only";
import { createHash, createPrivateKey, createPublicKey, randomBytes, type KeyObject } from "node:crypto";
import { ApiError } from "@/lib/api-error";
import type { ServiceUserKeyFile } from "@/lib/schemas/key-file";
import { describePat } from "@/lib/server/zitadel";

// What the server checks of a key file beyond its JSON shape: that `key` is an RSA private key it can sign with.
// The PEM is sealed right after; only its public half's fingerprint is kept in the clear.

/** The private key as node:crypto reads it (PKCS#1 "RSA PRIVATE KEY" or PKCS#8 "PRIVATE KEY" PEM). */
export function readPrivateKey(pem: string): KeyObject | null {
  try {
    const key = createPrivateKey({ key: pem, format: "pem" });
    return key.asymmetricKeyType === "rsa" ? key : null;
  } catch {
    return null;
  }
}

/** SHA-256 of the public key's SPKI DER, base64url: the same key always gives the same fingerprint, whichever PEM form. */
export function keyFingerprint(privateKey: KeyObject): string {
  const spki = createPublicKey(privateKey).export({ type: "spki", format: "der" });
  return createHash("sha256").update(spki).digest("base64url");
}

export interface CheckedKeyFile extends ServiceUserKeyFile {
  fingerprint: string;
}

/** Refuses a key that is not a usable RSA private key, as a field error under the key-file input. */
export function checkKeyFile(file: ServiceUserKeyFile): CheckedKeyFile {
  const privateKey = readPrivateKey(file.key);
  if (!privateKey) {
    const message = "The key in this file is not a readable RSA private key; download the key file again from ZITADEL.";
    throw new ApiError("validation_failed", message, { fields: { keyFile: [message] } });
  }
  return { ...file, fingerprint: keyFingerprint(privateKey) };
}

/**
 * A PAT has no client ID, and a key's user id does not tell two keys of one user apart: the console keys them by a
 * random internal one, never by anything derived from the token or key.
 */
export function newInternalClientId(kind: "pat" | "key"): string {
  return `${kind}-${randomBytes(12).toString("base64url")}`;
}

/** A JWT PAT carries its expiry; an opaque one's is learnt later (introspection), so null until then. */
export function patExpiry(token: string): string | null {
  return describePat(token, null).expiresAt;
}
