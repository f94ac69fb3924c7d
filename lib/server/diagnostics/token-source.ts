import "server-only";
import type { TokenTestResult } from "@/lib/schemas/diagnostics";
import { DecryptError, open, seal, secretContext, tokenContext } from "@/lib/server/crypto";
import { createSharedFlight, OutboundError } from "@/lib/server/http";
import { withIssuerSlot } from "@/lib/server/limits";
import { getLogger } from "@/lib/server/logger";
import { processSingleton } from "@/lib/server/process-singleton";
import { getStore, type CredentialRow, type Store } from "@/lib/server/store";
import {
  analyzeToken,
  exchangeJwtProfile,
  exchangeToken,
  makeDiagnosis,
  toDiagnosis,
  unsentExchange,
  unsentJwtProfileExchange,
  type ExchangeResult,
} from "@/lib/server/zitadel";
import { openCachedToken } from "./cached-token";
import { nameTimeout } from "./name-timeout";

// Access tokens per credential and scope set: from the encrypted cache while they have more than a minute left,
// otherwise from one exchange shared by every concurrent caller. The secret is decrypted only in exchangeWithStoredSecret.

const EXPIRY_SKEW_MS = 60_000;

/** Which use case obtained a token, so the console can say where the token it holds came from. */
export type TokenPurpose = "token_test" | "org_lookup" | "api_call";

export type TokenOutcome =
  | { ok: true; accessToken: string; cached: boolean; expiresAt: string; result: TokenTestResult }
  | { ok: false; cached: false; result: TokenTestResult };

const flight = processSingleton("token-flight", () => createSharedFlight<TokenOutcome>());

/** Sorted, de-duplicated, space-separated: the cache key for a scope set. */
export function toScopeKey(scopes: readonly string[]): string {
  return [...new Set(scopes)].sort().join(" ");
}

export function splitScopes(scopes: string): string[] {
  return scopes.split(/\s+/).filter(Boolean);
}

export function getAccessToken(
  credential: CredentialRow,
  scopes: readonly string[],
  options: { forceFresh?: boolean; signal?: AbortSignal; purpose?: TokenPurpose } = {},
): Promise<TokenOutcome> {
  const scopeKey = toScopeKey(scopes);
  const key = [credential.id, credential.version, scopeKey, options.forceFresh ? "fresh" : "any"].join("\n");
  return flight(
    key,
    async (signal) => {
      const store = await getStore();
      if (!options.forceFresh) {
        const hit = await readCachedToken(store, credential, scopeKey);
        if (hit) return hit;
      }
      return obtainToken(store, credential, scopes, scopeKey, signal, options.purpose ?? "token_test");
    },
    options.signal,
  ).catch((error: unknown) => {
    // This caller stopped waiting (client went away): still a result, so the run is recorded.
    if (!(error instanceof OutboundError)) throw error;
    const { issuer, clientId, authMethod } = credential;
    const { diagnosis, curl } =
      credential.kind === "jwt_profile"
        ? unsentJwtProfileExchange(issuer, scopes, toDiagnosis(error))
        : unsentExchange({ issuer, clientId, scopes, authMethod }, toDiagnosis(error));
    const obtainedAt = new Date().toISOString();
    return {
      ok: false,
      cached: false,
      result: { outcome: "failed", cached: false, obtainedAt, latencyMs: null, httpStatus: null, diagnosis, transcript: null, curl },
    };
  });
}

async function readCachedToken(store: Store, credential: CredentialRow, scopeKey: string): Promise<TokenOutcome | null> {
  const row = await store.tokenCache.get(credential.id, scopeKey);
  const usable = row ? openCachedToken(row, credential, EXPIRY_SKEW_MS) : null;
  if (!usable || !row) return null;
  return { ok: true, accessToken: usable.accessToken, cached: true, expiresAt: row.expiresAt, result: { ...usable.result, cached: true } };
}

async function obtainToken(
  store: Store,
  credential: CredentialRow,
  scopes: readonly string[],
  scopeKey: string,
  signal: AbortSignal,
  purpose: TokenPurpose,
): Promise<TokenOutcome> {
  // The exchange and the token's analysis (keys for a JWT) are the upstream part: one slot of the issuer's cap.
  const outcome = await withIssuerSlot(credential.issuer, () => exchangeAndAnalyze(credential, scopes, signal), signal);
  if (outcome.ok) await cacheToken(store, credential, scopeKey, outcome.accessToken, outcome.result, purpose);
  return outcome;
}

async function exchangeAndAnalyze(credential: CredentialRow, scopes: readonly string[], signal: AbortSignal): Promise<TokenOutcome> {
  const obtainedAt = new Date();
  const exchange = await exchangeWithStoredSecret(credential, scopes, signal);
  const common = {
    cached: false as const,
    obtainedAt: obtainedAt.toISOString(),
    latencyMs: exchange.latencyMs,
    httpStatus: exchange.httpStatus,
    transcript: exchange.transcript,
    curl: exchange.curl,
  };
  if (!exchange.ok)
    return { ok: false, cached: false, result: { ...common, outcome: "failed", diagnosis: nameTimeout(exchange.diagnosis, "token") } };

  const token = await analyzeToken({
    issuer: credential.issuer,
    accessToken: exchange.accessToken,
    tokenType: exchange.tokenType,
    expiresIn: exchange.expiresIn,
    idToken: exchange.idToken,
    obtainedAt,
    scopesRequested: scopes,
    signal,
  });
  const result: TokenTestResult = { ...common, outcome: "ok", token };
  return { ok: true, accessToken: exchange.accessToken, cached: false, expiresAt: token.expiresAt, result };
}

/** The one place a client secret or private key exists in plaintext: opened, handed to the exchange, dropped. */
async function exchangeWithStoredSecret(
  credential: CredentialRow,
  scopes: readonly string[],
  signal: AbortSignal,
): Promise<ExchangeResult> {
  const { issuer, clientId, authMethod } = credential;
  const isKey = credential.kind === "jwt_profile";
  const notSent = (code: "no_secret" | "secret_unreadable") =>
    isKey
      ? unsentJwtProfileExchange(issuer, scopes, keyDiagnosis(code))
      : unsentExchange({ issuer, clientId, scopes, authMethod }, makeDiagnosis(code));
  if (!credential.secretEnvelope) return notSent("no_secret");
  let material: string;
  try {
    material = open(credential.secretEnvelope, secretContext(credential.id, issuer, clientId));
  } catch (error) {
    if (error instanceof DecryptError) return notSent("secret_unreadable");
    throw error;
  }
  if (isKey) {
    if (!credential.keyId || !credential.keyUserId) return notSent("no_secret");
    const key = { keyId: credential.keyId, userId: credential.keyUserId, privateKeyPem: material, expiresAt: credential.expiresAt };
    return exchangeJwtProfile({ issuer, key, scopes, signal });
  }
  return exchangeToken({ issuer, clientId, clientSecret: material, scopes, authMethod, signal });
}

// The catalogue speaks of secrets; for a key the same failures read better in its own words.
function keyDiagnosis(code: "no_secret" | "secret_unreadable") {
  const diagnosis = makeDiagnosis(code);
  return code === "no_secret"
    ? {
        ...diagnosis,
        title: "No key is stored",
        explanation: "This credential has no private key yet, so no token can be requested.",
        fix: 'Use "Replace key" to add the service user\'s key file.',
      }
    : {
        ...diagnosis,
        title: "The stored key could not be decrypted",
        fix: 'Use "Replace key" to store the key file again; ask an administrator to check SECRETS_KEY / SECRETS_PREVIOUS_KEYS.',
      };
}

async function cacheToken(
  store: Store,
  credential: CredentialRow,
  scopeKey: string,
  accessToken: string,
  result: TokenTestResult,
  purpose: TokenPurpose,
): Promise<void> {
  const expiresAt = result.token?.expiresAt;
  if (!expiresAt || Date.parse(expiresAt) - EXPIRY_SKEW_MS <= Date.now()) return;
  try {
    await store.tokenCache.put({
      credentialId: credential.id,
      scopeKey,
      tokenEnvelope: seal(accessToken, tokenContext(credential.id, scopeKey)),
      expiresAt,
      obtainedAt: result.obtainedAt,
      metadata: { ...result, credentialVersion: credential.version, obtainedBy: purpose },
    });
  } catch (error) {
    // A token that could not be cached is still a good token; the next test simply asks ZITADEL again.
    getLogger().warn({ err: error, credentialId: credential.id }, "could not cache the access token");
  }
}
