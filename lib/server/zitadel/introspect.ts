import "server-only";
import type { Diagnosis, Transcript } from "@/lib/schemas/diagnostics";
import type { IntrospectionClaims, IntrospectionMethod } from "@/lib/schemas/introspection";
import { createCapturingFetch, type CapturedExchange } from "@/lib/server/http";
import { signClientAssertion } from "./client-assertion";
import { makeDiagnosis, toDiagnosis, withRetryAfter } from "./diagnose";
import { diagnoseIntrospectionError } from "./diagnose-introspection";
import { CLIENT_ASSERTION_TYPE, INTROSPECT_PATH, introspectionAnswerSchema, RESOURCE_OWNER_ID_CLAIM } from "./introspection-wire";
import { parseJsonBody } from "./json-body";
import { buildTranscript, formEncode } from "./transcript";
import { oauthErrorSchema } from "./wire";

// POST {issuer}/oauth/v2/introspect (RFC 7662) as an application: client_secret_basic (id and secret form-url-encoded
// before base64, as ZITADEL unescapes them) or private_key_jwt. Sent once, never retried. The token, the secret and
// the assertion appear in no transcript: the form is rebuilt with placeholders, and every string is scrubbed.

const REDACTED = "[REDACTED]";

export type IntrospectionAuth =
  | { method: Extract<IntrospectionMethod, "client_secret">; clientId: string; clientSecret: string }
  | { method: Extract<IntrospectionMethod, "private_key_jwt">; clientId: string; keyId: string; privateKeyPem: string };

export interface IntrospectInput {
  issuer: string;
  token: string;
  auth: IntrospectionAuth;
  signal?: AbortSignal;
}

interface IntrospectCommon {
  httpStatus: number | null;
  latencyMs: number | null;
  transcript: Transcript | null;
}

export type IntrospectResult =
  | (IntrospectCommon & {
      ok: true;
      claims: IntrospectionClaims;
      /** The whole answer as ZITADEL sent it (its private claims too, e.g. project roles): input, to be parsed by the reader. */
      payload: Record<string, unknown>;
      httpStatus: number;
      latencyMs: number;
    })
  | (IntrospectCommon & { ok: false; diagnosis: Diagnosis });

export function introspectionUrl(issuer: string): string {
  return `${issuer}${INTROSPECT_PATH}`;
}

export async function introspectToken(input: IntrospectInput): Promise<IntrospectResult> {
  const { issuer, token, auth, signal } = input;
  const unsent = (diagnosis: Diagnosis): IntrospectResult => ({
    ok: false,
    diagnosis,
    httpStatus: null,
    latencyMs: null,
    transcript: null,
  });

  const form = new URLSearchParams({ token });
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded", accept: "application/json" };
  const secrets = [token];
  if (auth.method === "client_secret") {
    headers.authorization = `Basic ${Buffer.from(`${formEncode(auth.clientId)}:${formEncode(auth.clientSecret)}`).toString("base64")}`;
    secrets.push(auth.clientSecret);
  } else {
    let assertion: string;
    try {
      assertion = await signClientAssertion({
        clientId: auth.clientId,
        keyId: auth.keyId,
        privateKeyPem: auth.privateKeyPem,
        audience: issuer,
      });
    } catch {
      return unsent(
        makeDiagnosis("introspection_client_unreadable", {
          explanation: "The stored key of this issuer's introspection client is not a usable RSA private key.",
        }),
      );
    }
    form.set("client_assertion_type", CLIENT_ASSERTION_TYPE);
    form.set("client_assertion", assertion);
    secrets.push(auth.privateKeyPem, assertion);
  }

  const capture = createCapturingFetch();
  try {
    await capture.fetch(introspectionUrl(issuer), { method: "POST", headers, body: form, signal });
  } catch (error) {
    const sent = capture.last();
    return { ...unsent(toDiagnosis(error)), transcript: sent ? safeTranscript(sent, secrets) : null };
  }
  const exchange = capture.last();
  const response = exchange?.response;
  if (!exchange || !response) return unsent(makeDiagnosis("unknown"));
  const common = { httpStatus: response.status, latencyMs: response.latencyMs, transcript: safeTranscript(exchange, secrets) };

  const body = parseJsonBody(response);
  if (!body.ok) return { ...common, ok: false, diagnosis: withRetryAfter(body.diagnosis, response.headers) };
  if (response.status !== 200) {
    // The error description is upstream text: an issuer that echoes the request must not echo the token or secret.
    const error = oauthErrorSchema.safeParse(withoutSecrets(body.json, secrets));
    const diagnosis = diagnoseIntrospectionError(response.status, error.success ? error.data : undefined, auth.method);
    return { ...common, ok: false, diagnosis: withRetryAfter(diagnosis, response.headers) };
  }
  const answer = introspectionAnswerSchema.safeParse(body.json);
  if (!answer.success) return { ...common, ok: false, diagnosis: makeDiagnosis("bad_response", { httpStatus: response.status }) };
  const { data } = answer;
  const claims: IntrospectionClaims = dropUndefined({
    active: data.active,
    scope: data.scope,
    clientId: data.client_id,
    tokenType: data.token_type,
    exp: data.exp,
    iat: data.iat,
    sub: data.sub,
    aud: data.aud,
    username: data.username ?? data.preferred_username,
    resourceOwnerId: data[RESOURCE_OWNER_ID_CLAIM],
    iss: data.iss,
  });
  const payload = body.json as Record<string, unknown>;
  return { ...common, ok: true, claims, payload, httpStatus: response.status, latencyMs: response.latencyMs };
}

// The form as it was sent, with the token and the assertion replaced; buildTranscript scrubs the rest (a secret echoed
// back, the Authorization header).
function safeTranscript(exchange: CapturedExchange, secrets: readonly string[]): Transcript {
  const transcript = buildTranscript(exchange, secrets, "introspection");
  const body = [...new URLSearchParams(exchange.request.body)]
    .map(([key, value]) => `${formEncode(key)}=${key === "token" || key === "client_assertion" ? REDACTED : formEncode(value)}`)
    .join("&");
  return { ...transcript, request: { ...transcript.request, body } };
}

function withoutSecrets<T>(value: T, secrets: readonly string[]): T {
  const needles = secrets
    .filter((secret) => secret.length >= 8)
    .flatMap((secret) => [secret, formEncode(secret), encodeURIComponent(secret)])
    .map((needle) => JSON.stringify(needle).slice(1, -1));
  const text = needles.reduce((json, needle) => json.split(needle).join(REDACTED), JSON.stringify(value));
  return JSON.parse(text) as T;
}

function dropUndefined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
