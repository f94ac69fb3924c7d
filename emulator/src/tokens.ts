import { createHash } from "node:crypto";
import { serviceUserClaims } from "./claims";
import { nextId, opaqueToken } from "./ids";
import { signJwt, type SigningKey } from "./keys";
import { reservedClaims } from "./scopes";
import type { Org, ServiceUser } from "./seed";
import { nowSeconds, type TokenStore } from "./token-store";

export interface IssueContext {
  issuer: string;
  key: SigningKey;
  tokens: TokenStore;
  lifetimeSeconds: number;
}

/** The OIDC session of a service-user grant: client_credentials (amr pwd) or the JWT profile (no amr). */
export interface ServiceUserSession {
  user: ServiceUser;
  org: Org;
  scopes: string[];
  audience: string[];
  amr: string[];
  /** Project-role claims for the audience's projects, when the roles scope was granted (the JWT access token's). */
  roleClaims?: Record<string, unknown>;
}

/** ZITADEL's success body: field order access_token, token_type, expires_in, id_token?; never scope or refresh_token. */
export interface TokenResponse {
  access_token: string;
  token_type: "Bearer";
  expires_in: number;
  id_token?: string;
}

export async function issueServiceUserTokens(ctx: IssueContext, session: ServiceUserSession): Promise<TokenResponse> {
  const { user, org, scopes, audience, amr } = session;
  const iat = nowSeconds();
  const exp = iat + ctx.lifetimeSeconds;
  const tokenId = `V2_${nextId()}-at_${nextId()}`;
  const isJwt = user.accessTokenType === "ACCESS_TOKEN_TYPE_JWT";
  const accessToken = isJwt
    ? await signJwt(ctx.key, {
        iss: ctx.issuer,
        sub: user.id,
        aud: audience.length > 0 ? audience : [user.username],
        exp,
        iat,
        nbf: iat,
        client_id: user.username,
        jti: tokenId,
        ...reservedClaims(scopes, org),
        ...session.roleClaims,
      })
    : opaqueToken();
  const record = {
    kind: isJwt ? "jwt" : "opaque",
    tokenId,
    userId: user.id,
    clientId: user.username,
    isPat: false,
    scopes,
    audience,
    amr,
    iat,
    exp,
  } as const;
  ctx.tokens.save(accessToken, record);

  // expires_in is time.Until(expiration) truncated to seconds, hence one less than the lifetime.
  const response: TokenResponse = { access_token: accessToken, token_type: "Bearer", expires_in: ctx.lifetimeSeconds - 1 };
  if (scopes.includes("openid")) response.id_token = await signIdToken(ctx, session, accessToken, iat, exp);
  return response;
}

function signIdToken(ctx: IssueContext, session: ServiceUserSession, accessToken: string, iat: number, exp: number): Promise<string> {
  const { user, org, scopes, audience, amr } = session;
  return signJwt(ctx.key, {
    iss: ctx.issuer,
    sub: user.id,
    aud: [...new Set([...audience, user.username])],
    exp,
    iat,
    auth_time: iat,
    // An empty amr is omitted (omitempty), as in ZITADEL's JWT-profile id_token.
    ...(amr.length > 0 ? { amr } : {}),
    azp: user.username,
    client_id: user.username,
    at_hash: atHash(accessToken),
    ...serviceUserClaims(user, org, scopes),
  });
}

/** OIDC at_hash for RS256: left half of SHA-256 of the access token, base64url. */
function atHash(accessToken: string): string {
  return createHash("sha256").update(accessToken, "ascii").digest().subarray(0, 16).toString("base64url");
}
