import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload } from "jose";
import { nextId } from "./ids";

/** One RS256 key per run: published at /oauth/v2/keys and used for every token the emulator signs. */
export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** Private JWK handed to oidc-provider's `jwks`, so operator id_tokens share the key. */
  privateJwk: JWK;
}

export async function createSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true, modulusLength: 2048 });
  const kid = nextId();
  const privateJwk: JWK = { ...(await exportJWK(privateKey)), kid, alg: "RS256", use: "sig" };
  return { kid, privateKey, publicKey, privateJwk };
}

/** ZITADEL's JWT header: {"alg":"RS256","kid":…,"typ":"JWT"}; claims keep the caller's order. */
export function signJwt(key: SigningKey, claims: JWTPayload): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: key.kid, typ: "JWT" }).sign(key.privateKey);
}
