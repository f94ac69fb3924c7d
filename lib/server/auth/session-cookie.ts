import "server-only";
import { createDecipheriv, hkdfSync } from "node:crypto";
import type { JWTDecodeParams } from "next-auth/jwt";

// Reads next-auth's session cookie, a compact JWE (alg "dir", enc "A256GCM") under a key derived from NEXTAUTH_SECRET,
// on every request. next-auth's own decode derives that key by HKDF and decrypts through WebCrypto each time: two trips
// to libuv's thread pool, which queue behind file and DNS work and cost milliseconds under load. Here the key is
// derived once and the cookie is opened synchronously; what is accepted is what next-auth's decode accepts.

const INFO = "NextAuth.js Generated Encryption Key";
const CLOCK_TOLERANCE_SECONDS = 15;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Thrown for any cookie that is not a live session cookie sealed under this secret; getToken reads it as "no session". */
export class SessionCookieError extends Error {
  override name = "SessionCookieError";
}

let derived: { secret: string; key: Buffer } | null = null;

function encryptionKey(secret: string): Buffer {
  if (derived?.secret !== secret) derived = { secret, key: Buffer.from(hkdfSync("sha256", secret, "", INFO, 32)) };
  return derived.key;
}

/** A drop-in for next-auth's `decode`: the cookie's claims, or a throw. */
export async function decodeSessionCookie({ token, secret }: JWTDecodeParams): Promise<Record<string, unknown> | null> {
  if (!token) return null;
  return checkClaims(openJwe(token, encryptionKey(String(secret))));
}

function openJwe(token: string, key: Buffer): unknown {
  const parts = token.split(".");
  if (parts.length !== 5) throw new SessionCookieError("not a compact JWE");
  const [protectedHeader = "", encryptedKey, ivPart = "", ciphertext = "", tagPart = ""] = parts;
  const header = parseJson(Buffer.from(protectedHeader, "base64url").toString("utf8"));
  if (!isRecord(header) || header.alg !== "dir" || header.enc !== "A256GCM" || "zip" in header || "crit" in header) {
    throw new SessionCookieError("not a dir/A256GCM JWE");
  }
  const iv = Buffer.from(ivPart, "base64url");
  const tag = Buffer.from(tagPart, "base64url");
  if (encryptedKey !== "" || iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SessionCookieError("malformed JWE");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
    // The protected header, as sent, is the additional authenticated data (RFC 7516, 5.2).
    decipher.setAAD(Buffer.from(protectedHeader, "ascii"));
    decipher.setAuthTag(tag);
    const plaintext = Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]);
    return parseJson(plaintext.toString("utf8"));
  } catch {
    throw new SessionCookieError("the cookie was not sealed under this secret, or was altered");
  }
}

// The checks jose's jwtDecrypt makes on a JWT's time claims, with next-auth's 15 s of clock tolerance.
function checkClaims(payload: unknown): Record<string, unknown> {
  if (!isRecord(payload)) throw new SessionCookieError("the claims are not an object");
  const now = Math.floor(Date.now() / 1000);
  const { exp, nbf, iat } = payload;
  if (iat !== undefined && typeof iat !== "number") throw new SessionCookieError("iat is not a number");
  if (nbf !== undefined && (typeof nbf !== "number" || nbf > now + CLOCK_TOLERANCE_SECONDS)) throw new SessionCookieError("not yet valid");
  if (exp !== undefined && (typeof exp !== "number" || exp <= now - CLOCK_TOLERANCE_SECONDS)) throw new SessionCookieError("expired");
  return payload;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new SessionCookieError("not JSON");
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
