import "server-only";
import { createPrivateKey, randomUUID } from "node:crypto";
import { SignJWT } from "jose";

// private_key_jwt (RFC 7523 §2.2) as ZITADEL checks it for an API application: RS256 with the key file's keyId as
// `kid`, iss = sub = the application's client ID, aud = the issuer exactly as registered, valid for one minute.

const LIFETIME_SECONDS = 60;

export interface ClientAssertionInput {
  clientId: string;
  keyId: string;
  /** The key file's `key`: a PEM RSA private key (PKCS#1 as ZITADEL writes it, or PKCS#8). */
  privateKeyPem: string;
  audience: string;
  now?: Date;
}

/** Throws when the PEM is not an RSA private key; callers have checked it when the key was registered. */
export async function signClientAssertion(input: ClientAssertionInput): Promise<string> {
  const key = createPrivateKey(input.privateKeyPem);
  if (key.asymmetricKeyType !== "rsa") throw new TypeError("not an RSA private key");
  const issuedAt = Math.floor((input.now ?? new Date()).getTime() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: "RS256", kid: input.keyId, typ: "JWT" })
    .setIssuer(input.clientId)
    .setSubject(input.clientId)
    .setAudience(input.audience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + LIFETIME_SECONDS)
    .setJti(randomUUID())
    .sign(key);
}
