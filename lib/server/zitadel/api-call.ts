import "server-only";
import type { ApiCallMethod } from "@/lib/schemas/api-call";
import type { Diagnosis } from "@/lib/schemas/diagnostics";
import { guardedFetch, type GuardedResponse } from "@/lib/server/http";
import { diagnoseOrgError, makeDiagnosis, toDiagnosis, withRetryAfter, type DiagnosisHints } from "./diagnose";
import { errorIdOf } from "./diagnose-management";
import { parseJsonBody } from "./json-body";
import { lines, quote } from "./transcript";
import { grpcErrorSchema } from "./wire";

// One call of ZITADEL's REST APIs with a credential's token, on the credential's own issuer: the answer as text for a
// person to read, and a refusal explained as the org lookup explains its own (the same token, the same interceptors).

const SHOWN_BYTES = 64 * 1024;
const MAX_ANSWER_BYTES = 1024 * 1024;

export interface ApiCallInput {
  issuer: string;
  method: ApiCallMethod;
  /** Path and optional query, relative to the issuer (validated by the request schema). */
  path: string;
  body?: string;
  accessToken: string;
  orgId?: string | null;
  hints: DiagnosisHints;
  signal?: AbortSignal;
}

export interface ApiCallAnswer {
  url: string;
  status: number | null;
  latencyMs: number | null;
  contentType: string | null;
  body: string | null;
  truncated: boolean;
  diagnosis?: Diagnosis;
}

/** A call that got no answer: refused before it was sent, or failed on the way. */
export function unanswered(url: string, diagnosis: Diagnosis): ApiCallAnswer {
  return { url, status: null, latencyMs: null, contentType: null, body: null, truncated: false, diagnosis };
}

/** The issuer's URL for the path; null when the path would leave the issuer (it cannot, once validated). */
export function apiCallUrl(issuer: string, path: string): URL | null {
  const url = new URL(path, `${issuer}/`);
  return url.origin === new URL(issuer).origin ? url : null;
}

export async function callZitadelApi(input: ApiCallInput): Promise<ApiCallAnswer> {
  const url = apiCallUrl(input.issuer, input.path);
  if (!url) return unanswered(input.issuer, makeDiagnosis("blocked_address"));
  const shown = `${url.origin}${url.pathname}${url.search}`;
  const headers: Record<string, string> = { authorization: `Bearer ${input.accessToken}`, accept: "application/json" };
  if (input.orgId) headers["x-zitadel-orgid"] = input.orgId;
  const body = input.body?.trim() ? input.body : undefined;
  if (body) headers["content-type"] = "application/json";
  // The guarded client takes the query apart from the URL it checks.
  const query = Object.fromEntries(url.searchParams);
  url.search = "";
  let response: GuardedResponse;
  try {
    response = await guardedFetch(url, { method: input.method, headers, body, query, signal: input.signal, maxBytes: MAX_ANSWER_BYTES });
  } catch (error) {
    return unanswered(shown, toDiagnosis(error));
  }
  const { status, contentType, latencyMs } = response;
  const parsed = parseJsonBody(response);
  // Only JSON is shown: an HTML page from a proxy in front of ZITADEL is described, not rendered.
  const text = parsed.ok ? JSON.stringify(parsed.json, null, 2) : null;
  const truncated = text !== null && text.length > SHOWN_BYTES;
  const answer = { url: shown, status, latencyMs, contentType, body: truncated ? text.slice(0, SHOWN_BYTES) : text, truncated };
  if (status >= 200 && status < 300) return answer;
  return {
    ...answer,
    diagnosis: withRetryAfter(parsed.ok ? diagnoseApiError(status, parsed.json, input.hints) : parsed.diagnosis, response.headers),
  };
}

function diagnoseApiError(status: number, json: unknown, hints: DiagnosisHints): Diagnosis {
  const parsed = grpcErrorSchema.safeParse(json);
  const error = parsed.success ? parsed.data : undefined;
  const id = errorIdOf(error);
  const upstreamError = error ? { error: id ?? `code ${error.code}`, description: error.message } : undefined;
  if (status === 404) {
    return makeDiagnosis("unknown", {
      httpStatus: status,
      upstreamError,
      explanation: `ZITADEL found nothing at this path (HTTP 404${id ? `, ${id}` : ""}): no object with this id in the organization of the request, or no such API route. Check the id, the path, and the organization (x-zitadel-orgid) the call is made in.`,
    });
  }
  if (status === 400 || status === 405) {
    return makeDiagnosis("request_rejected", {
      httpStatus: status,
      upstreamError,
      explanation: `ZITADEL rejected the request as invalid (HTTP ${status}${id ? `, ${id}` : ""}): a field it does not know, a value of the wrong form, or a method this path does not take. Its message says which.`,
    });
  }
  return diagnoseOrgError(status, error, hints);
}

/** The call as curl, with $TOKEN read from the terminal; the body as sent. */
export function apiCallCurl(
  input: Pick<ApiCallInput, "method" | "body" | "orgId"> & { url: string; tokenSource: "exchange" | "pat" },
): string {
  const body = input.body?.trim() ? input.body : undefined;
  return [
    input.tokenSource === "pat"
      ? `read -rs TOKEN  # paste the personal access token, then press Enter`
      : `read -rs TOKEN  # paste an access token from the token request, then press Enter`,
    lines([
      `curl --request ${input.method}`,
      `--url ${quote(input.url)}`,
      `--header "Authorization: Bearer $TOKEN"`,
      ...(input.orgId ? [`--header ${quote(`x-zitadel-orgid: ${input.orgId}`)}`] : []),
      `--header 'Accept: application/json'`,
      ...(body ? [`--header 'Content-Type: application/json'`, `--data ${quote(body)}`] : []),
    ]),
  ].join("\n");
}
