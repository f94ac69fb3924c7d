import "server-only";
import { hkdfSync } from "node:crypto";
import { jwtDecrypt, type JWTPayload } from "jose";
import type { JWTDecodeParams } from "next-auth/jwt";

// Reads next-auth's session cookie, a compact JWE (alg "dir", enc "A256GCM") under a key derived from NEXTAUTH_SECRET,
// on every request. next-auth's own decode derives that key by HKDF and decrypts through WebCrypto each time: two trips
// to libuv's thread pool, which queue behind file and DNS work and cost milliseconds under load. Here jose opens it
// (the same checks next-auth makes) with a key derived once, and a cookie already opened is not opened again: the same
// token always holds the same claims, and its expiry is checked on every read. Whether the session it names is still
// open is the store's answer, read on every request, so revoking a session needs nothing from this cache.

const INFO = "NextAuth.js Generated Encryption Key";
const CLOCK_TOLERANCE_SECONDS = 15;
const MAX_OPENED = 1_000;

let derived: { secret: string; key: Uint8Array; opened: Map<string, JWTPayload> } | null = null;

function keyFor(secret: string) {
  if (derived?.secret !== secret) {
    derived = { secret, key: new Uint8Array(hkdfSync("sha256", secret, "", INFO, 32)), opened: new Map() };
  }
  return derived;
}

/** A drop-in for next-auth's `decode`: the cookie's claims, or a throw (getToken reads a throw as "no session"). */
export async function decodeSessionCookie({ token, secret }: JWTDecodeParams): Promise<JWTPayload | null> {
  if (!token) return null;
  const { key, opened } = keyFor(String(secret));
  const known = opened.get(token);
  if (known) {
    if (isExpired(known)) {
      opened.delete(token);
      throw new Error("the session cookie has expired");
    }
    return known;
  }
  const { payload } = await jwtDecrypt(token, key, {
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
    keyManagementAlgorithms: ["dir"],
    contentEncryptionAlgorithms: ["A256GCM"],
  });
  opened.set(token, payload);
  if (opened.size > MAX_OPENED) opened.delete(opened.keys().next().value as string);
  return payload;
}

function isExpired(payload: JWTPayload): boolean {
  return typeof payload.exp === "number" && payload.exp <= Math.floor(Date.now() / 1000) - CLOCK_TOLERANCE_SECONDS;
}
