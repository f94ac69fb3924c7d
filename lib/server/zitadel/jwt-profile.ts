import "server-only";
import { createPrivateKey, type KeyObject } from "node:crypto";
import { SignJWT } from "jose";
import type { Diagnosis, DiagnosisCheck, Transcript } from "@/lib/schemas/diagnostics";
import { createCapturingFetch } from "@/lib/server/http";
import { makeDiagnosis, toDiagnosis, type DiagnosisHints } from "./diagnose";
import { discover } from "./discovery";
import { interpretTokenResponse, type ExchangeFailure, type ExchangeResult } from "./exchange";
import { buildTranscript, jwtProfileCurl } from "./transcript";
import { oauthErrorSchema, TOKEN_PATH } from "./wire";

// POST {issuer}/oauth/v2/token, grant_type=jwt-bearer (docs/zitadel-notes.md#jwt-profile-private-key). The service user proves
// itself with an assertion signed by its key; there is no client authentication. Sent once, never retried, through
// the same guarded fetch as the client-credentials exchange.

export const JWT_BEARER_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";
const ASSERTION_LIFETIME_SECONDS = 60;
// ZITADEL's own tolerance is small; beyond this the clocks are named as a likely cause.
const MAX_CLOCK_SKEW_MS = 60_000;

export interface JwtProfileKey {
  keyId: string;
  userId: string;
  /** The key file's PEM private key, opened from its envelope just for this call. */
  privateKeyPem: string;
  /** The key file's expirationDate; null when the file named none. */
  expiresAt: string | null;
}

export interface JwtProfileInput {
  issuer: string;
  key: JwtProfileKey;
  scopes: readonly string[];
  signal?: AbortSignal;
  /** For tests: the time the assertion is issued at. */
  now?: Date;
}

export interface SignedAssertion {
  assertion: string;
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
}

/** RS256, kid = keyId; iss = sub = userId; aud = the issuer exactly as registered; valid for 60 s from now. */
export async function signAssertion(input: {
  issuer: string;
  keyId: string;
  userId: string;
  privateKey: KeyObject;
  now?: Date;
}): Promise<SignedAssertion> {
  const iat = Math.floor((input.now ?? new Date()).getTime() / 1000);
  const header = { alg: "RS256", kid: input.keyId };
  const claims = { iss: input.userId, sub: input.userId, aud: input.issuer, iat, exp: iat + ASSERTION_LIFETIME_SECONDS };
  const assertion = await new SignJWT(claims).setProtectedHeader(header).sign(input.privateKey);
  return { assertion, header, claims };
}

/** A failure before anything was sent, with the curl to try by hand. */
export function unsentJwtProfileExchange(
  issuer: string,
  scopes: readonly string[],
  diagnosis: Diagnosis,
  tokenEndpoint?: string,
): ExchangeFailure {
  return {
    ok: false,
    diagnosis,
    httpStatus: null,
    latencyMs: null,
    transcript: null,
    curl: jwtProfileCurl({ tokenEndpoint: tokenEndpoint ?? `${issuer}${TOKEN_PATH}`, scopes }),
  };
}

export async function exchangeJwtProfile(input: JwtProfileInput): Promise<ExchangeResult> {
  const { issuer, key, scopes, signal } = input;
  const hints: DiagnosisHints = { clientId: key.userId, scopes };
  let metadata;
  try {
    metadata = await discover(issuer, signal);
  } catch (error) {
    return unsentJwtProfileExchange(issuer, scopes, toDiagnosis(error));
  }
  const tokenEndpoint = metadata.token_endpoint ?? `${issuer}${TOKEN_PATH}`;
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: key.privateKeyPem, format: "pem" });
  } catch {
    return unsentJwtProfileExchange(issuer, scopes, makeDiagnosis("secret_unreadable"), tokenEndpoint);
  }
  const signed = await signAssertion({ issuer, keyId: key.keyId, userId: key.userId, privateKey, now: input.now });
  const shown = { header: signed.header, claims: signed.claims };
  const curl = jwtProfileCurl({ tokenEndpoint, scopes, assertion: shown });
  const secrets = [signed.assertion, key.privateKeyPem];

  const capture = createCapturingFetch();
  const body = new URLSearchParams({ grant_type: JWT_BEARER_GRANT, assertion: signed.assertion });
  if (scopes.length) body.set("scope", scopes.join(" "));
  try {
    await capture.fetch(tokenEndpoint, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded;charset=UTF-8", accept: "application/json" },
      body,
      signal,
    });
  } catch (error) {
    const sent = capture.last();
    return {
      ...unsentJwtProfileExchange(issuer, scopes, toDiagnosis(error), tokenEndpoint),
      curl,
      transcript: sent ? withAssertion(buildTranscript(sent, secrets), shown) : null,
    };
  }
  const exchange = capture.last();
  if (!exchange?.response) return { ...unsentJwtProfileExchange(issuer, scopes, makeDiagnosis("unknown"), tokenEndpoint), curl };
  const response = exchange.response;
  const common = {
    httpStatus: response.status,
    latencyMs: response.latencyMs,
    transcript: withAssertion(buildTranscript(exchange, secrets), shown),
    curl,
  };
  const parsed = interpretTokenResponse(response, hints);
  if (parsed.ok) return { ...common, ...parsed };
  if (!isInternalError(response.status, response.bodyText)) return { ...common, ok: false, diagnosis: parsed.diagnosis };
  const checks = localChecks({
    issuer,
    discoveredIssuer: metadata.issuer,
    serverDate: response.headers.get("date"),
    receivedAt: Date.now(),
    key,
  });
  return { ...common, ok: false, diagnosis: diagnoseRejectedAssertion(parsed.diagnosis, checks) };
}

function withAssertion(transcript: Transcript, assertion: Transcript["request"]["assertion"]): Transcript {
  return { ...transcript, request: { ...transcript.request, assertion } };
}

/** ZITADEL's answer to an assertion it cannot verify: 500 {"error":"server_error","error_description":"Errors.Internal"}. */
function isInternalError(status: number, bodyText: string): boolean {
  if (status !== 500) return false;
  try {
    const body = oauthErrorSchema.safeParse(JSON.parse(bodyText));
    return (
      body.success && body.data.error === "server_error" && (body.data.error_description ?? "Errors.Internal").includes("Errors.Internal")
    );
  } catch {
    return false;
  }
}

export interface LocalCheckInput {
  issuer: string;
  discoveredIssuer: string;
  serverDate: string | null;
  receivedAt: number;
  key: Pick<JwtProfileKey, "keyId" | "userId" | "expiresAt">;
}

/** The causes of a refused assertion, most likely first, each checked as far as the console can without ZITADEL. */
export function localChecks({ issuer, discoveredIssuer, serverDate, receivedAt, key }: LocalCheckInput): DiagnosisCheck[] {
  const checks: DiagnosisCheck[] = [];
  const audienceMatches = discoveredIssuer === issuer;
  checks.push({
    id: "audience",
    cause: "The assertion's audience (aud) is not the issuer exactly as ZITADEL spells it (trailing slash, port, http vs https).",
    result: audienceMatches ? "passed" : "failed",
    detail: audienceMatches
      ? `aud was ${issuer}, the issuer the discovery document names.`
      : `aud was ${issuer}, but the discovery document names the issuer ${discoveredIssuer}. Register the credential with that issuer.`,
  });

  const serverTime = serverDate ? Date.parse(serverDate) : NaN;
  if (Number.isNaN(serverTime)) {
    checks.push({
      id: "clock",
      cause: "This server's clock and ZITADEL's disagree, so the assertion's iat or exp looks wrong to ZITADEL.",
      result: "not_checked",
      detail: "ZITADEL's answer had no readable Date header to compare with.",
    });
  } else {
    const skew = receivedAt - serverTime;
    // The Date header has whole seconds: a second of difference is rounding, not skew.
    const apart = Math.round(Math.abs(skew) / 1000);
    checks.push({
      id: "clock",
      cause: "This server's clock and ZITADEL's disagree, so the assertion's iat or exp looks wrong to ZITADEL.",
      result: Math.abs(skew) > MAX_CLOCK_SKEW_MS ? "failed" : "passed",
      detail:
        Math.abs(skew) > MAX_CLOCK_SKEW_MS
          ? `This server's clock is ${apart} s ${skew > 0 ? "ahead of" : "behind"} ZITADEL's (its Date header). Synchronise it (NTP).`
          : `This server's clock is within ${Math.max(1, apart)} s of ZITADEL's (its Date header).`,
    });
  }

  const expired = key.expiresAt !== null && Date.parse(key.expiresAt) <= receivedAt;
  checks.push({
    id: "key_expiry",
    cause: "The key was deleted in ZITADEL or has expired.",
    result: expired ? "failed" : "not_checked",
    detail: expired
      ? `The key expired on ${key.expiresAt} (its key file's expirationDate). Add a new key in ZITADEL and replace it here.`
      : `${key.expiresAt ? `The key file says it expires on ${key.expiresAt}, so it has not expired. ` : "The key file names no expiry. "}Whether the key was deleted in ZITADEL cannot be checked from here.`,
  });

  const idsPresent = Boolean(key.keyId && key.userId);
  checks.push({
    id: "key_ids",
    cause: "The key ID (kid) or user ID (iss, sub) does not match a key of that service user.",
    result: idsPresent ? "not_checked" : "failed",
    detail: idsPresent
      ? `The key file names key ID ${key.keyId} and user ID ${key.userId}; whether that key belongs to that user only ZITADEL knows.`
      : "The key file lacks its key ID or user ID.",
  });
  return checks;
}

/** The catalogue's explanation with the causes in order; a cause the console found itself becomes the title. */
export function diagnoseRejectedAssertion(base: Diagnosis, checks: DiagnosisCheck[]): Diagnosis {
  const diagnosis = makeDiagnosis("jwt_profile_rejected", {
    ...(base.httpStatus === undefined ? {} : { httpStatus: base.httpStatus }),
    ...(base.upstreamError ? { upstreamError: base.upstreamError } : {}),
  });
  const found = checks.find((check) => check.result === "failed");
  const mark = { passed: "checked, not the cause", failed: "found", not_checked: "not checkable here" } as const;
  const listed = checks.map((check, index) => `${index + 1}. ${check.cause} (${mark[check.result]}: ${check.detail})`).join(" ");
  return {
    ...diagnosis,
    ...(found ? { title: FOUND_TITLES[found.id] } : {}),
    explanation: `${diagnosis.explanation} ${listed}`,
    checks,
  };
}

const FOUND_TITLES: Record<DiagnosisCheck["id"], string> = {
  audience: "The assertion's audience is not ZITADEL's issuer",
  clock: "This server's clock and ZITADEL's disagree",
  key_expiry: "The key has expired",
  key_ids: "The key file lacks its key ID or user ID",
};
