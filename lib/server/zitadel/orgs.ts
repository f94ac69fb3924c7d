import "server-only";
import { backoffMs, pause } from "@/lib/backoff";
import type { Diagnosis, Org } from "@/lib/schemas/diagnostics";
import { guardedFetch, OutboundError, parseRetryAfter, type GuardedResponse } from "@/lib/server/http";
import { diagnoseOrgError, makeDiagnosis, toDiagnosis, withRetryAfter, type DiagnosisHints } from "./diagnose";
import { parseJsonBody } from "./json-body";
import { grpcErrorSchema, ORGS_ME_PATH, orgsMeSchema, type OrgsMe } from "./wire";

// GET {issuer}/management/v1/orgs/me (docs/zitadel-notes.md#organization-lookup). The only call that is retried, as
// an idempotent GET: at most twice, capped exponential backoff with jitter, on network errors, 502/503/504, a short 429.

const MAX_RETRIES = 2;
const BACKOFF_BASE_MS = 250;
const BACKOFF_CAP_MS = 2_000;
const MAX_RETRY_AFTER_MS = 5_000;
const RETRY_KINDS = new Set(["network", "closed_before_answer", "answer_interrupted", "refused"]);
const RETRY_STATUSES = new Set([502, 503, 504]);

export interface LookupOrgInput {
  issuer: string;
  accessToken: string;
  orgId?: string | null;
  /** The scopes the token was requested with, to explain a 401 precisely. */
  tokenScopes?: readonly string[];
  /** "pat" when the Bearer token is a personal access token, so a 401 is explained in its terms. */
  tokenSource?: "exchange" | "pat";
  signal?: AbortSignal;
}

export type LookupOrgResult =
  | { ok: true; org: Org; httpStatus: number; latencyMs: number; attempts: number }
  | { ok: false; diagnosis: Diagnosis; httpStatus: number | null; latencyMs: number | null; attempts: number };

export function orgsMeUrl(issuer: string): string {
  return `${issuer}${ORGS_ME_PATH}`;
}

export async function lookupOrg(input: LookupOrgInput): Promise<LookupOrgResult> {
  const headers: Record<string, string> = { authorization: `Bearer ${input.accessToken}`, accept: "application/json" };
  if (input.orgId) headers["x-zitadel-orgid"] = input.orgId;
  const hints: DiagnosisHints = { scopes: input.tokenScopes, orgId: input.orgId, tokenSource: input.tokenSource };
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);

  for (let attempt = 1; ; attempt += 1) {
    const canRetry = attempt <= MAX_RETRIES;
    let response: GuardedResponse;
    try {
      response = await guardedFetch(orgsMeUrl(input.issuer), { headers, signal: input.signal });
    } catch (error) {
      const retryable = error instanceof OutboundError && RETRY_KINDS.has(error.kind);
      if (canRetry && retryable && (await pause(backoff(attempt), input.signal))) continue;
      return { ok: false, diagnosis: toDiagnosis(error), httpStatus: null, latencyMs: elapsed(), attempts: attempt };
    }
    const wait = canRetry ? retryDelay(response, attempt) : null;
    if (wait !== null && (await pause(wait, input.signal))) continue;

    const result = interpretOrgResponse(response, hints);
    return result.ok
      ? { ok: true, org: result.org, httpStatus: response.status, latencyMs: elapsed(), attempts: attempt }
      : { ok: false, diagnosis: result.diagnosis, httpStatus: response.status, latencyMs: elapsed(), attempts: attempt };
  }
}

type InterpretedOrg = { ok: true; org: Org } | { ok: false; diagnosis: Diagnosis };

export function interpretOrgResponse(response: GuardedResponse, hints: DiagnosisHints = {}): InterpretedOrg {
  const result = readOrgResponse(response, hints);
  return result.ok ? result : { ok: false, diagnosis: withRetryAfter(result.diagnosis, response.headers) };
}

function readOrgResponse(response: GuardedResponse, hints: DiagnosisHints): InterpretedOrg {
  const body = parseJsonBody(response);
  if (!body.ok) return body;
  const { status } = response;
  const { json } = body;
  if (status !== 200) {
    const error = grpcErrorSchema.safeParse(json);
    return { ok: false, diagnosis: diagnoseOrgError(status, error.success ? error.data : undefined, hints) };
  }
  const parsed = orgsMeSchema.safeParse(json);
  if (!parsed.success) return { ok: false, diagnosis: makeDiagnosis("bad_response", { httpStatus: status }) };
  return { ok: true, org: toOrg(parsed.data.org) };
}

function toOrg(org: OrgsMe["org"]): Org {
  return {
    id: org.id,
    name: org.name ?? "",
    primaryDomain: org.primaryDomain ?? "",
    state: orgState(org.state),
    creationDate: org.details?.creationDate ?? null,
    changeDate: org.details?.changeDate ?? null,
  };
}

// Zero values are omitted in protojson, so a missing state is ORG_STATE_UNSPECIFIED.
function orgState(state: string | undefined): Org["state"] {
  switch (state ?? "ORG_STATE_UNSPECIFIED") {
    case "ORG_STATE_ACTIVE":
      return "active";
    case "ORG_STATE_INACTIVE":
      return "inactive";
    case "ORG_STATE_REMOVED":
      return "removed";
    case "ORG_STATE_UNSPECIFIED":
      return "unspecified";
    default:
      return "unknown";
  }
}

/** How long to wait before retrying this answer, or null when it must not be retried. */
function retryDelay(response: GuardedResponse, attempt: number): number | null {
  if (RETRY_STATUSES.has(response.status)) return backoff(attempt);
  if (response.status !== 429) return null;
  const header = response.headers.get("retry-after");
  if (header === null) return backoff(attempt);
  const seconds = parseRetryAfter(header);
  return seconds !== null && seconds * 1000 <= MAX_RETRY_AFTER_MS ? seconds * 1000 : null;
}

function backoff(attempt: number): number {
  return backoffMs(attempt, { baseMs: BACKOFF_BASE_MS, capMs: BACKOFF_CAP_MS, jitter: true });
}
