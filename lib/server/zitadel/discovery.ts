import "server-only";
import { createLocalJWKSet, type JWTVerifyGetKey } from "jose";
import {
  allowInsecureRequests,
  customFetch,
  discoveryRequest,
  JSON_ATTRIBUTE_COMPARISON,
  PARSE_ERROR,
  processDiscoveryResponse,
  type AuthorizationServer,
} from "oauth4webapi";
import { checkIssuerUrl, createCapturingFetch, guardedFetch, isAllowListed, OutboundError, withSignal } from "@/lib/server/http";
import { processSingleton } from "@/lib/server/process-singleton";
import { diagnoseUnexpectedBody, makeDiagnosis, ZitadelFailure } from "./diagnose";
import { TtlCache } from "./ttl-cache";
import { jwksSchema } from "./wire";

// OIDC discovery and signing keys per issuer, fetched through the guarded client and cached for a while.
// The document must name the configured issuer and keep its token endpoint on its origin: the secret goes nowhere else.

const DISCOVERY_TTL_MS = 10 * 60_000;
const JWKS_TTL_MS = 10 * 60_000;
const JWKS_MIN_REFRESH_MS = 30_000;
const JWKS_MEDIA_TYPES = new Set(["application/json", "application/jwk-set+json"]);

const discoveryCache = processSingleton("discovery-cache", () => new TtlCache<AuthorizationServer>(DISCOVERY_TTL_MS));
const jwksCache = processSingleton("jwks-cache", () => new TtlCache<JWTVerifyGetKey>(JWKS_TTL_MS));

/** oauth4webapi options for requests to this issuer: the guarded fetch, and plain http only for listed origins. */
export function issuerRequestOptions(issuer: string, fetchImpl: ReturnType<typeof createCapturingFetch>["fetch"]) {
  return { [customFetch]: fetchImpl, [allowInsecureRequests]: issuer.startsWith("http:") && isAllowListed(issuer) };
}

/** The issuer's discovery document. Throws ZitadelFailure or OutboundError. */
export function discover(issuer: string, signal?: AbortSignal): Promise<AuthorizationServer> {
  // Checked again at every use: an issuer stored before ALLOWED_ISSUERS changed gets a clear refusal.
  const check = checkIssuerUrl(issuer);
  if (!check.ok) return Promise.reject(new OutboundError("blocked_address", check.reason));
  if (check.origin !== issuer) return Promise.reject(issuerMismatch(`The issuer must be written as its origin, ${check.origin}.`));
  // The shared load runs on its own deadline; a caller that goes away only stops waiting for it.
  return withSignal(
    discoveryCache.get(issuer, () => loadDiscovery(issuer)),
    signal,
  );
}

/** The issuer's signing keys; `refresh` reloads them (at most every 30 s) when a token names an unknown key. */
export async function issuerKeys(issuer: string, options: { refresh?: boolean; signal?: AbortSignal } = {}): Promise<JWTVerifyGetKey> {
  if (options.refresh && (jwksCache.age(issuer) ?? 0) > JWKS_MIN_REFRESH_MS) jwksCache.delete(issuer);
  const metadata = await discover(issuer, options.signal);
  return withSignal(
    jwksCache.get(issuer, () => loadJwks(issuer, metadata)),
    options.signal,
  );
}

export function clearIssuerCaches(): void {
  discoveryCache.clear();
  jwksCache.clear();
}

async function loadDiscovery(issuer: string): Promise<AuthorizationServer> {
  const capture = createCapturingFetch();
  const expected = new URL(issuer);
  const response = await discoveryRequest(expected, issuerRequestOptions(issuer, capture.fetch));
  const raw = capture.last()?.response;
  if (!raw) throw new ZitadelFailure(makeDiagnosis("discovery_failed"));
  if (raw.status !== 200) {
    const diagnosis = diagnoseUnexpectedBody(raw.status, raw.contentType, raw.bodyText);
    if (diagnosis.code !== "not_json") throw new ZitadelFailure(diagnosis);
    throw new ZitadelFailure(makeDiagnosis("discovery_failed", { httpStatus: raw.status }));
  }
  if (raw.contentType !== "application/json") throw new ZitadelFailure(diagnoseUnexpectedBody(raw.status, raw.contentType, raw.bodyText));

  let metadata: AuthorizationServer;
  try {
    metadata = await processDiscoveryResponse(expected, response);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === JSON_ATTRIBUTE_COMPARISON) throw issuerMismatch(`The discovery document names a different issuer than ${issuer}.`);
    throw new ZitadelFailure(makeDiagnosis(code === PARSE_ERROR ? "bad_response" : "discovery_failed", { httpStatus: 200 }));
  }
  if (new URL(metadata.issuer).origin !== issuer) throw issuerMismatch(`The discovery document names a different issuer than ${issuer}.`);
  if (!sameOrigin(metadata.token_endpoint, issuer)) {
    throw issuerMismatch(`The discovery document puts the token endpoint outside ${issuer}; the secret is only sent to the issuer itself.`);
  }
  // Keys from elsewhere would be fetched and trusted on the word of this document: ignore them instead.
  return sameOrigin(metadata.jwks_uri, issuer) ? metadata : { ...metadata, jwks_uri: undefined };
}

async function loadJwks(issuer: string, metadata: AuthorizationServer): Promise<JWTVerifyGetKey> {
  if (!metadata.jwks_uri)
    throw new ZitadelFailure(makeDiagnosis("discovery_failed", { explanation: "The issuer publishes no signing keys on its own origin." }));
  const raw = await guardedFetch(metadata.jwks_uri, { headers: { accept: "application/json" } });
  if (raw.status !== 200 || !JWKS_MEDIA_TYPES.has(raw.contentType ?? "")) {
    throw new ZitadelFailure(diagnoseUnexpectedBody(raw.status, raw.contentType, raw.bodyText));
  }
  let json: unknown;
  try {
    json = JSON.parse(raw.bodyText);
  } catch {
    throw new ZitadelFailure(makeDiagnosis("bad_response", { httpStatus: raw.status }));
  }
  const parsed = jwksSchema.safeParse(json);
  if (!parsed.success) throw new ZitadelFailure(makeDiagnosis("bad_response", { httpStatus: raw.status }));
  return createLocalJWKSet({ keys: parsed.data.keys });
}

function issuerMismatch(explanation: string): ZitadelFailure {
  return new ZitadelFailure(makeDiagnosis("issuer_mismatch", { explanation }));
}

function sameOrigin(url: string | undefined, issuer: string): boolean {
  if (!url) return false;
  try {
    return new URL(url).origin === issuer;
  } catch {
    return false;
  }
}
