import "server-only";
import { formatDuration } from "@/lib/duration";
import { looksLikeUserId } from "@/lib/schemas/credential";
import type { Diagnosis, DiagnosisCode } from "@/lib/schemas/diagnostics";
import { OutboundError, parseRetryAfter, type OutboundErrorKind } from "@/lib/server/http";
import { CATALOGUE } from "./diagnosis-catalogue";
import { plainText } from "./transcript-body";
import { ZITADEL_API_AUDIENCE_SCOPE, type GrpcError, type OAuthError } from "./wire";

// Every failure becomes a Diagnosis. Upstream text never passes through raw: at most an error code and a
// truncated, cleaned description taken from a parsed JSON field (docs/security.md#upstream-text-is-never-shown-raw).

const MAX_DESCRIPTION = 200;

export interface DiagnosisOptions {
  httpStatus?: number;
  upstreamError?: { error: string; description?: string };
  /** Replaces the catalogue's explanation (context-specific wording). */
  explanation?: string;
  retryable?: boolean;
}

/** What the caller knows about the credential, used only to sharpen the wording. */
export interface DiagnosisHints {
  clientId?: string;
  scopes?: readonly string[];
  orgId?: string | null;
  /** "pat" when the token is a personal access token the operator registered (not one the console obtained). */
  tokenSource?: "exchange" | "pat";
}

// A 503 says "not now", not "broken": ZITADEL (or its proxy) is down for maintenance or overloaded.
const UNAVAILABLE = {
  title: "ZITADEL is unavailable or overloaded",
  explanation:
    "The issuer answered 503 Service Unavailable: it is down for maintenance or has more requests than it can serve. This is not caused by the credential.",
  fix: "Try again in a few minutes; check ZITADEL's status page (or its logs, if self-hosted) if it persists.",
};

export function makeDiagnosis(code: DiagnosisCode, options: DiagnosisOptions = {}): Diagnosis {
  if (code === "server_error" && options.httpStatus === 503) return { ...makeDiagnosisFromCatalogue(code, options), ...UNAVAILABLE };
  return makeDiagnosisFromCatalogue(code, options);
}

function makeDiagnosisFromCatalogue(code: DiagnosisCode, options: DiagnosisOptions): Diagnosis {
  const entry = CATALOGUE[code];
  return {
    code,
    title: entry.title,
    explanation: options.explanation ?? entry.explanation,
    fix: entry.fix,
    retryable: options.retryable ?? entry.retryable,
    ...(options.httpStatus === undefined ? {} : { httpStatus: options.httpStatus }),
    ...(options.upstreamError ? { upstreamError: cleanUpstream(options.upstreamError) } : {}),
  };
}

/** A non-200 JSON answer from the token endpoint. Matches the i18n key first, then the OAuth error code. */
export function diagnoseTokenError(status: number, body: OAuthError, hints: DiagnosisHints = {}): Diagnosis {
  const options = { httpStatus: status, upstreamError: { error: body.error, description: body.error_description } };
  const description = (body.error_description ?? "").toLowerCase();
  const has = (needle: string) => description.includes(needle.toLowerCase());

  if (has("Errors.User.Machine.Secret.Invalid")) return makeDiagnosis("invalid_secret", options);
  if (has("Errors.User.Machine.Secret.NotExisting")) return makeDiagnosis("secret_not_ready", options);
  if (has("Errors.User.NotActive") || has("Errors.User.NotFound") || has("Errors.User.Locked")) {
    return makeDiagnosis("user_inactive", options);
  }
  if (has("scope of your request is missing")) return makeDiagnosis("scope_missing", options);
  if (has("more than one method")) return makeDiagnosis("multiple_auth_methods", options);
  if (body.error === "invalid_client" && has("invalid basic auth header")) return makeDiagnosis("basic_auth_malformed", options);
  if (body.error === "invalid_client" && has("client not found")) return clientNotFound(hints, options);
  if (body.error === "invalid_scope" && has("openid")) return makeDiagnosis("openid_required", options);
  if (body.error === "server_error" || status >= 500) return makeDiagnosis("server_error", options);
  if (status === 429) return makeDiagnosis("rate_limited", options);
  return makeDiagnosis("request_rejected", options);
}

/** A non-200 JSON answer from the Management API, matched on details[0].id: the message is translated. */
export function diagnoseOrgError(status: number, body: GrpcError | undefined, hints: DiagnosisHints = {}): Diagnosis {
  const id = body ? errorId(body) : undefined;
  const options: DiagnosisOptions = {
    httpStatus: status,
    ...(body ? { upstreamError: { error: id ?? `code ${body.code}`, description: body.message } } : {}),
  };
  if (id === "AUTH-toLo1") return makeDiagnosis("token_invalid", { ...options, explanation: AUTH_HEADER_REWRITTEN });
  if (id === "AUTH-7fs1e" || (status === 401 && !id)) return tokenInvalid(hints, options);
  if (id === "AUTH-5mWD2") return makeDiagnosis("missing_permission", options);
  if (id === "AUTH-Bs7Ds" || (status === 404 && id?.startsWith("QUERY-"))) return orgNotFound(hints, options);
  if (status === 429) return makeDiagnosis("rate_limited", options);
  if (status >= 500) return makeDiagnosis("server_error", options);
  if (status === 403) return makeDiagnosis("missing_permission", options);
  return makeDiagnosis("unknown", options);
}

/** An answer that is not JSON (or not the JSON we asked for): HTML error pages, "Instance not found" text. Never shown. */
export function diagnoseUnexpectedBody(status: number, contentType: string | null, bodyText: string): Diagnosis {
  const options = { httpStatus: status };
  if (status === 404 && /instance not found/i.test(bodyText.slice(0, 2000))) return makeDiagnosis("instance_not_found", options);
  if (status === 429) return makeDiagnosis("rate_limited", options);
  const type = contentType && /^[\w.+-]+\/[\w.+-]+$/.test(contentType) ? contentType : "no content type";
  const answered = `The issuer answered HTTP ${status} with ${type} (${Buffer.byteLength(bodyText)} bytes) instead of JSON`;
  const explanation =
    status >= 500
      ? `${answered}: an error page from a proxy or load balancer in front of ZITADEL, which usually means ZITADEL is down or unreachable from it. Its content is not shown.`
      : `${answered}. That is usually an error page from a proxy, a load balancer or a wrong host; its content is not shown.`;
  return makeDiagnosis("not_json", { ...options, explanation, retryable: status >= 500 });
}

/** A 429 says when to come back in Retry-After: that goes into the diagnosis, so the operator knows when to test again. */
export function withRetryAfter(diagnosis: Diagnosis, headers: { get(name: string): string | null }, now = Date.now()): Diagnosis {
  if (diagnosis.code !== "rate_limited") return diagnosis;
  const seconds = parseRetryAfter(headers.get("retry-after"), now);
  if (seconds === null) return diagnosis;
  const when = seconds === 0 ? "now" : `in about ${formatDuration(seconds * 1000, { parts: 1, round: "up" })}`;
  return {
    ...diagnosis,
    retryAfterSeconds: seconds,
    explanation: `${diagnosis.explanation} It asked for ${seconds} s before the next request (Retry-After).`,
    fix: `Retry ${when}; cached tokens are reused to avoid this.`,
  };
}

const OUTBOUND_CODES: Record<OutboundErrorKind, DiagnosisCode> = {
  dns: "dns",
  refused: "refused",
  tls: "tls",
  timeout: "timeout",
  aborted: "cancelled",
  blocked_address: "blocked_address",
  redirect: "redirect",
  too_large: "too_large",
  closed_before_answer: "closed_before_answer",
  answer_interrupted: "answer_interrupted",
  network: "network",
};

export function diagnoseOutbound(error: OutboundError): Diagnosis {
  const code = OUTBOUND_CODES[error.kind];
  const base = makeDiagnosis(code, error.status === undefined ? {} : { httpStatus: error.status });
  const detail = error.kind === "blocked_address" || error.kind === "redirect" ? error.message : error.code ? `(${error.code})` : "";
  return detail ? { ...base, explanation: `${base.explanation} ${detail}` } : base;
}

/** AUTH-toLo1: ZITADEL did not find exactly one "Bearer " in the Authorization header. */
export const AUTH_HEADER_REWRITTEN =
  'ZITADEL did not read the Authorization header as "Bearer <token>" (AUTH-toLo1). The console always sends that scheme, so a proxy in front of ZITADEL replaced or rewrote the header (for example with its own Basic credentials or a lowercase "bearer").';

function clientNotFound(hints: DiagnosisHints, options: DiagnosisOptions): Diagnosis {
  const base = makeDiagnosis("client_not_found", options);
  if (!hints.clientId || !looksLikeUserId(hints.clientId)) return base;
  return { ...base, explanation: `"${hints.clientId}" looks like a numeric user ID. ${base.explanation}` };
}

function tokenInvalid(hints: DiagnosisHints, options: DiagnosisOptions): Diagnosis {
  const base = makeDiagnosis("token_invalid", options);
  if (hints.tokenSource === "pat") {
    return {
      ...base,
      title: "ZITADEL did not accept the personal access token",
      explanation:
        "The Management API refused the personal access token (AUTH-7fs1e): it has expired, was deleted in ZITADEL, or belongs to a user that was deactivated since.",
      fix: 'In ZITADEL open Users → Service Users → this user → Personal Access Tokens, create a new token (copy it: ZITADEL shows it only once), then use "Replace token" here.',
    };
  }
  if (!hints.scopes || hints.scopes.includes(ZITADEL_API_AUDIENCE_SCOPE)) return base;
  return {
    ...base,
    explanation: `This credential's scopes do not include ${ZITADEL_API_AUDIENCE_SCOPE}, so ZITADEL issued a token that is not valid for its own APIs (AUTH-7fs1e).`,
  };
}

function orgNotFound(hints: DiagnosisHints, options: DiagnosisOptions): Diagnosis {
  const base = makeDiagnosis("org_not_found", options);
  if (!hints.orgId) return base;
  return {
    ...base,
    explanation: `The organization ID "${hints.orgId}" sent in the x-zitadel-orgid header does not exist in this ZITADEL instance.`,
  };
}

function errorId(body: GrpcError): string | undefined {
  const first = body.details?.[0]?.id;
  if (first) return first;
  return /\(([A-Z]+-[A-Za-z0-9]+)\)\s*$/.exec(body.message ?? "")?.[1];
}

// The diagnosis and the transcript show an issuer's words the same way: one plain line of text.
function cleanUpstream(upstream: { error: string; description?: string }): { error: string; description?: string } {
  const description = upstream.description === undefined ? undefined : plainText(upstream.description, MAX_DESCRIPTION);
  return { error: plainText(upstream.error, 100), ...(description ? { description } : {}) };
}

/** Carries a Diagnosis through the protocol code; public functions turn it back into a typed result. */
export class ZitadelFailure extends Error {
  readonly diagnosis: Diagnosis;
  constructor(diagnosis: Diagnosis) {
    super(diagnosis.title);
    this.name = "ZitadelFailure";
    this.diagnosis = diagnosis;
  }
}

export function toDiagnosis(error: unknown): Diagnosis {
  if (error instanceof ZitadelFailure) return error.diagnosis;
  if (error instanceof OutboundError) return diagnoseOutbound(error);
  return makeDiagnosis("unknown");
}
