import "server-only";
import { ClientSecretBasic, ClientSecretPost, clientCredentialsGrantRequest } from "oauth4webapi";
import type { AuthMethod } from "@/lib/schemas/credential";
import type { Diagnosis, Transcript } from "@/lib/schemas/diagnostics";
import { createCapturingFetch, type GuardedResponse } from "@/lib/server/http";
import { diagnoseTokenError, makeDiagnosis, toDiagnosis, withRetryAfter, type DiagnosisHints } from "./diagnose";
import { discover, issuerRequestOptions } from "./discovery";
import { parseJsonBody } from "./json-body";
import { buildTranscript, tokenCurl } from "./transcript";
import { oauthErrorSchema, TOKEN_PATH, tokenSuccessSchema } from "./wire";

// POST {issuer}/oauth/v2/token, grant_type=client_credentials (docs/zitadel-notes.md#token-endpoint). Sent once, never
// retried: it mints a token and carries the secret. The answer is parsed defensively: status → content type → size
// (capped by the guarded fetch) → JSON → schema.

export interface ExchangeInput {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: readonly string[];
  authMethod: AuthMethod;
  signal?: AbortSignal;
}

interface ExchangeCommon {
  /** null when no request reached the token endpoint (e.g. discovery failed). */
  httpStatus: number | null;
  latencyMs: number | null;
  transcript: Transcript | null;
  curl: string;
}

export interface ExchangeSuccess extends ExchangeCommon {
  ok: true;
  accessToken: string;
  tokenType: string;
  expiresIn: number;
  idToken?: string;
  httpStatus: number;
  latencyMs: number;
}

export interface ExchangeFailure extends ExchangeCommon {
  ok: false;
  diagnosis: Diagnosis;
}

export type ExchangeResult = ExchangeSuccess | ExchangeFailure;

/** A failure before anything was sent (no secret, undecryptable secret, failed discovery), with the curl to try by hand. */
export function unsentExchange(
  input: Omit<ExchangeInput, "clientSecret" | "signal">,
  diagnosis: Diagnosis,
  tokenEndpoint?: string,
): ExchangeFailure {
  const { issuer, clientId, scopes, authMethod } = input;
  return {
    ok: false,
    diagnosis,
    httpStatus: null,
    latencyMs: null,
    transcript: null,
    curl: tokenCurl({ tokenEndpoint: tokenEndpoint ?? `${issuer}${TOKEN_PATH}`, clientId, scopes, authMethod }),
  };
}

export async function exchangeToken(input: ExchangeInput): Promise<ExchangeResult> {
  const { issuer, clientId, clientSecret, scopes, authMethod, signal } = input;
  const hints: DiagnosisHints = { clientId, scopes };
  const notSent = (diagnosis: Diagnosis, tokenEndpoint?: string) => unsentExchange(input, diagnosis, tokenEndpoint);

  if (!clientSecret) return notSent(makeDiagnosis("no_secret"));
  let metadata;
  try {
    metadata = await discover(issuer, signal);
  } catch (error) {
    return notSent(toDiagnosis(error));
  }
  const tokenEndpoint = metadata.token_endpoint ?? `${issuer}${TOKEN_PATH}`;
  const curl = tokenCurl({ tokenEndpoint, clientId, scopes, authMethod });

  const capture = createCapturingFetch();
  const authenticate = authMethod === "post" ? ClientSecretPost(clientSecret) : ClientSecretBasic(clientSecret);
  const parameters = new URLSearchParams(scopes.length ? { scope: scopes.join(" ") } : {});
  try {
    await clientCredentialsGrantRequest(metadata, { client_id: clientId }, authenticate, parameters, {
      ...issuerRequestOptions(issuer, capture.fetch),
      signal,
    });
  } catch (error) {
    const sent = capture.last();
    return { ...notSent(toDiagnosis(error), tokenEndpoint), transcript: sent ? buildTranscript(sent, [clientSecret]) : null };
  }

  const exchange = capture.last();
  if (!exchange?.response) return notSent(makeDiagnosis("unknown"), tokenEndpoint);
  const response = exchange.response;
  const common = {
    httpStatus: response.status,
    latencyMs: response.latencyMs,
    transcript: buildTranscript(exchange, [clientSecret]),
    curl,
  };
  const parsed = interpretTokenResponse(response, hints);
  return parsed.ok ? { ...common, ...parsed } : { ...common, ok: false, diagnosis: parsed.diagnosis };
}

type Interpreted =
  { ok: true; accessToken: string; tokenType: string; expiresIn: number; idToken?: string } | { ok: false; diagnosis: Diagnosis };

export function interpretTokenResponse(response: GuardedResponse, hints: DiagnosisHints): Interpreted {
  const result = readTokenResponse(response, hints);
  return result.ok ? result : { ok: false, diagnosis: withRetryAfter(result.diagnosis, response.headers) };
}

function readTokenResponse(response: GuardedResponse, hints: DiagnosisHints): Interpreted {
  const body = parseJsonBody(response);
  if (!body.ok) return body;
  const { status } = response;
  const { json } = body;
  if (status !== 200) {
    const error = oauthErrorSchema.safeParse(json);
    if (error.success) return { ok: false, diagnosis: diagnoseTokenError(status, error.data, hints) };
    return {
      ok: false,
      diagnosis: makeDiagnosis(status >= 500 ? "server_error" : status === 429 ? "rate_limited" : "bad_response", { httpStatus: status }),
    };
  }
  const success = tokenSuccessSchema.safeParse(json);
  if (!success.success) return { ok: false, diagnosis: makeDiagnosis("bad_response", { httpStatus: status }) };
  const { access_token, token_type, expires_in, id_token } = success.data;
  return { ok: true, accessToken: access_token, tokenType: token_type, expiresIn: expires_in, ...(id_token ? { idToken: id_token } : {}) };
}
