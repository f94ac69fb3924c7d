import "server-only";
import { createHash } from "node:crypto";
import { decodeProtectedHeader, errors as joseErrors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose";
import { z } from "zod";
import { ApiError } from "@/lib/api-error";
import { getEnv } from "@/lib/env";
import type { Role } from "@/lib/schemas/roles";
import { processSingleton } from "@/lib/server/process-singleton";
import { TtlCache } from "@/lib/server/zitadel/ttl-cache";
import { resolveSignInRole } from "./roles";

// A service user's access token from the console's own ZITADEL: a JWT is verified here with the issuer's keys (a
// forged, expired or foreign one never reaches ZITADEL), then, like an opaque token or PAT, introspected with the
// console's app credentials: only ZITADEL knows whether it was revoked or its user deactivated. What a valid token says is kept until
// shortly before it expires and at most BEARER_CACHE_SECONDS, so a revoked token stops working within that time.

/** What a valid token says about its service user. */
export interface BearerIdentity {
  id: string;
  login: string | null;
  name: string;
  org: string | null;
  role: Role | null;
  /** Seconds since the epoch. */
  expiresAt: number;
}

/** How tokens are checked against ZITADEL; tests pass their own. */
export interface BearerVerifier {
  issuer: string;
  projectId: string;
  keys(options: { refresh: boolean }): Promise<JWTVerifyGetKey>;
  /** The introspection answer as ZITADEL sent it, or a throw (ApiError) when ZITADEL cannot be asked. */
  introspect(token: string): Promise<Record<string, unknown>>;
}

// Shortly before expiry a cached answer is dropped: a request at the last second is checked again, not waved through.
const EXPIRY_MARGIN_SECONDS = 5;
const CLOCK_TOLERANCE_SECONDS = 5;
const JWT_ALGORITHMS = ["RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "EdDSA"];

const claimsSchema = z.looseObject({
  sub: z.string().min(1).max(200),
  exp: z.number().finite(),
  client_id: z.string().max(200).optional().catch(undefined),
  username: z.string().max(200).optional().catch(undefined),
  preferred_username: z.string().max(200).optional().catch(undefined),
  name: z.string().max(200).optional().catch(undefined),
  "urn:zitadel:iam:user:resourceowner:name": z.string().max(200).optional().catch(undefined),
  "urn:zitadel:iam:user:resourceowner:id": z.string().max(64).optional().catch(undefined),
});

const cache = processSingleton("bearer-token-cache", () => new TtlCache<BearerIdentity>(600_000, 10_000));

export function clearBearerCache(): void {
  cache.clear();
}

/**
 * The token's service user, or an ApiError: 401 for a token that is not good here, 503 when ZITADEL cannot tell.
 * `onValidated` runs when the token was checked with ZITADEL rather than read from the cache; a throw refuses it.
 */
export function validateBearerToken(
  token: string,
  verifier: BearerVerifier,
  onValidated: (identity: BearerIdentity) => Promise<void> = async () => undefined,
): Promise<BearerIdentity> {
  const key = createHash("sha256").update(token).digest("base64url");
  const maxMs = getEnv().BEARER_CACHE_SECONDS * 1000;
  const load = async () => {
    const signed = isJwt(token) ? await verifyJwt(token, verifier) : {};
    const identity = identityOf({ ...signed, ...(await introspect(token, verifier)) });
    await onValidated(identity);
    return identity;
  };
  return cache.get(key, load, (identity) => Math.min(maxMs, (identity.expiresAt - EXPIRY_MARGIN_SECONDS) * 1000 - Date.now()));
}

// ZITADEL's opaque tokens may be 5-part JWE strings: only a 3-part token with a signed header is verified as a JWT.
function isJwt(token: string): boolean {
  if (token.split(".").length !== 3) return false;
  try {
    const header = decodeProtectedHeader(token);
    return typeof header.alg === "string" && header.alg !== "none";
  } catch {
    return false;
  }
}

async function verifyJwt(token: string, verifier: BearerVerifier): Promise<JWTPayload> {
  const options = {
    issuer: verifier.issuer,
    audience: verifier.projectId,
    algorithms: JWT_ALGORITHMS,
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
  };
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, await verifier.keys({ refresh: false }), options));
  } catch (error) {
    // A key ZITADEL rotated in since the keys were fetched: fetch them again once.
    if (!(error instanceof joseErrors.JWKSNoMatchingKey)) throw jwtRefusal(error);
    try {
      ({ payload } = await jwtVerify(token, await verifier.keys({ refresh: true }), options));
    } catch (retried) {
      throw jwtRefusal(retried);
    }
  }
  return payload;
}

function jwtRefusal(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof joseErrors.JWTExpired) return unauthorized("The bearer token has expired.", "Get a new token from ZITADEL.");
  if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === "aud") return wrongAudience();
  if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === "iss") return wrongIssuer();
  return unauthorized("The bearer token is not valid.", "Send an access token that the console's ZITADEL issued.");
}

async function introspect(token: string, verifier: BearerVerifier): Promise<Record<string, unknown>> {
  const answer = await verifier.introspect(token);
  // ZITADEL answers active:false for an unknown, expired or revoked token, a deactivated user, and another audience.
  if (answer.active !== true) {
    throw unauthorized(
      "The bearer token is not active.",
      "It has expired or been revoked, its service user is deactivated, or it was not issued for M2M Console's project: " +
        "request it with the scope urn:zitadel:iam:org:project:id:<project id>:aud.",
    );
  }
  if (typeof answer.iss === "string" && answer.iss !== verifier.issuer) throw wrongIssuer();
  const audience = Array.isArray(answer.aud) ? answer.aud : [answer.aud];
  if (!audience.includes(verifier.projectId)) throw wrongAudience();
  return answer;
}

function identityOf(payload: Record<string, unknown>): BearerIdentity {
  const parsed = claimsSchema.safeParse(payload);
  if (!parsed.success) throw unauthorized("The bearer token names no user.", "Send a service user's access token.");
  const claims = parsed.data;
  const login = claims.client_id ?? claims.username ?? claims.preferred_username ?? null;
  return {
    id: claims.sub,
    login,
    name: claims.name ?? login ?? claims.sub,
    org: claims["urn:zitadel:iam:user:resourceowner:name"] ?? claims["urn:zitadel:iam:user:resourceowner:id"] ?? null,
    role: resolveSignInRole({ ...claims, preferred_username: login ?? undefined }).role,
    expiresAt: claims.exp,
  };
}

function wrongAudience(): ApiError {
  return unauthorized(
    "The bearer token was not issued for M2M Console's project.",
    "Request it with the scope urn:zitadel:iam:org:project:id:<the console's project id>:aud.",
  );
}

function wrongIssuer(): ApiError {
  return unauthorized("The bearer token comes from another issuer.", "Send an access token that the console's ZITADEL issued.");
}

function unauthorized(message: string, hint: string): ApiError {
  return new ApiError("unauthorized", message, { hint });
}
