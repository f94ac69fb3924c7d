import "server-only";
import { createHash } from "node:crypto";
import { decodeProtectedHeader, type ProtectedHeaderParameters } from "jose";

// What kind of string a token is, judged without trusting it: decode only a 3-part JWS whose header names a
// signature algorithm. ZITADEL's opaque tokens may be base64url blobs or 5-part JWE strings that also start with eyJ.

export type TokenKind = "opaque" | "jwt" | "encrypted";

const SIGNATURE_ALGS = new Set([
  "HS256",
  "HS384",
  "HS512",
  "RS256",
  "RS384",
  "RS512",
  "PS256",
  "PS384",
  "PS512",
  "ES256",
  "ES384",
  "ES512",
  "ES256K",
  "EdDSA",
  "Ed25519",
]);

/** Algorithms a signature is verified with: asymmetric only, never `none`, never HMAC with a public key. */
export const VERIFY_ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA", "Ed25519"];

export function classifyToken(token: string): { kind: TokenKind; header?: ProtectedHeaderParameters } {
  const segments = token.split(".");
  if (segments.length !== 3 && segments.length !== 5) return { kind: "opaque" };
  let header: ProtectedHeaderParameters;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    return { kind: "opaque" };
  }
  if (segments.length === 5) return { kind: typeof header.enc === "string" ? "encrypted" : "opaque" };
  return typeof header.alg === "string" && SIGNATURE_ALGS.has(header.alg) ? { kind: "jwt", header } : { kind: "opaque" };
}

/** First 8 + "…" + last 4; short strings show less so that the mask never reveals most of the value. */
export function maskToken(token: string): string {
  if (token.length >= 24) return `${token.slice(0, 8)}…${token.slice(-4)}`;
  if (token.length >= 12) return `…${token.slice(-4)}`;
  return "…";
}

/** A stable, non-reversible handle to compare tokens by (SHA-256, hex prefix). */
export function fingerprint(token: string): string {
  return `sha256:${createHash("sha256").update(token).digest("hex").slice(0, 16)}`;
}
