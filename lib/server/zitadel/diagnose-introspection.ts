import "server-only";
import type { Diagnosis } from "@/lib/schemas/diagnostics";
import type { IntrospectionMethod } from "@/lib/schemas/introspection";
import { makeDiagnosis, type DiagnosisOptions } from "./diagnose";
import type { OAuthError } from "./wire";

// Introspection's own diagnoses, kept apart from the token endpoint's: ZITADEL refuses a bad caller with
// 400 unauthorized_client (no description) and answers every token problem with 200 {"active":false}.

const PROJECT_AUDIENCE = /^urn:zitadel:iam:org:project:id:(.+):aud$/;

/** A non-200 JSON answer from the introspection endpoint. */
export function diagnoseIntrospectionError(status: number, body: OAuthError | undefined, method: IntrospectionMethod): Diagnosis {
  const options: DiagnosisOptions = {
    httpStatus: status,
    ...(body ? { upstreamError: { error: body.error, description: body.error_description } } : {}),
  };
  const description = (body?.error_description ?? "").toLowerCase();
  if (body?.error === "invalid_request" && description.includes("token missing"))
    return makeDiagnosis("introspection_token_missing", options);
  if (body?.error === "invalid_request" && description.includes("client_id or client_assertion must be provided")) {
    return makeDiagnosis("introspection_client_rejected", { ...options, explanation: NO_CREDENTIALS });
  }
  if (body?.error === "unauthorized_client" || body?.error === "invalid_client" || status === 401) {
    return makeDiagnosis("introspection_client_rejected", { ...options, explanation: rejectedExplanation(method, description) });
  }
  if (status === 429) return makeDiagnosis("rate_limited", options);
  if (status >= 500 || body?.error === "server_error") return makeDiagnosis("server_error", options);
  return makeDiagnosis("request_rejected", {
    ...options,
    explanation: "ZITADEL answered the introspection request with an OAuth error this console does not recognise.",
  });
}

const NO_CREDENTIALS =
  "The introspection client sent no credentials: ZITADEL received neither a client ID nor a client assertion. The console always sends one of them, so a proxy in front of ZITADEL may strip the Authorization header or the form body.";

function rejectedExplanation(method: IntrospectionMethod, description: string): string {
  if (description.includes("client must be authenticated")) {
    return "ZITADEL says the request carried no client authentication, although the console sent it: a proxy in front of ZITADEL may strip the Authorization header or the form body.";
  }
  if (method === "client_secret") {
    return "ZITADEL did not accept the introspection client's ID and secret. Likely causes, in order: the secret is wrong or was regenerated in ZITADEL; the application was deleted; the client ID is a service user's, not an API application's (service users cannot introspect).";
  }
  return "ZITADEL did not accept the signed client assertion. Likely causes, in order: the key file belongs to another application (its clientId and keyId must be this app's); the key was deleted or has expired in ZITADEL; the application was deleted; the console's clock is far off (the assertion is valid for one minute).";
}

/** What the console knows about the token it sent, to order the causes of an inactive answer. */
export interface InactiveHints {
  /** The introspecting application's client ID. */
  introspectionClientId: string;
  /** The scopes the credential requests its tokens with (none for a PAT). */
  credentialScopes: readonly string[];
  /** The token's `aud` when it is a JWT the console could read; undefined for an opaque token. */
  jwtAudience?: readonly string[];
  /** When the token expires, if known (the held token's metadata, a JWT's exp, a PAT's recorded expiry). */
  expiresAt?: string | null;
  isPat?: boolean;
  now?: number;
}

/** `{"active":false}`: the likely causes in order, each saying what the console could check itself. */
export function diagnoseInactive(hints: InactiveHints): Diagnosis {
  const base = makeDiagnosis("token_inactive", { httpStatus: 200 });
  const now = hints.now ?? Date.now();
  const expiry = hints.expiresAt ? Date.parse(hints.expiresAt) : NaN;
  const isExpired = Number.isFinite(expiry) && expiry <= now;

  const expired = Number.isFinite(expiry)
    ? isExpired
      ? `The token expired at ${new Date(expiry).toISOString()} (checked: it is past that time).`
      : `Expiry is ruled out: the token is valid until ${new Date(expiry).toISOString()} (checked).`
    : "The token expired or was revoked (its expiry is not known to the console).";
  const deactivated = `The ${hints.isPat ? "PAT's user" : "service user"} was deactivated, locked or deleted after the token was issued (the console cannot check this: run Test token or Look up org, which ZITADEL refuses for such a user).`;
  const explain = (causes: string[]) =>
    `ZITADEL answers {"active":false} for every token it will not vouch for to this application. Likely causes, in order: ${causes.map((cause, index) => `(${index + 1}) ${cause}`).join(" ")}`;

  // ZITADEL adds the introspecting app's client and project ids to a PAT's audience: the audience is never the cause.
  if (hints.isPat) {
    const deleted = "The PAT was deleted in ZITADEL (the console cannot check this).";
    return { ...base, explanation: explain([expired, deleted, deactivated]), fix: PAT_FIX };
  }
  const audience = audienceCause(hints);
  const causes = isExpired ? [expired, audience.text, deactivated] : [audience.text, expired, deactivated];
  const fix = isExpired ? "Run Test token to get a new token, then introspect again." : audience.fix;
  return { ...base, explanation: explain(causes), fix };
}

const PAT_FIX =
  "In ZITADEL open Users → Service Users → this user: check that the user is active, create a new personal access token (ZITADEL shows it only once) and replace it here.";

function audienceCause(hints: InactiveHints): { text: string; fix: string } {
  const clientId = hints.introspectionClientId;
  const projects = hints.credentialScopes.flatMap((scope) => {
    const id = PROJECT_AUDIENCE.exec(scope)?.[1];
    return id && id !== "zitadel" ? [id] : [];
  });
  const requested = projects.length
    ? `This credential asks for the audience of project${projects.length > 1 ? "s" : ""} ${projects.join(", ")}; if the introspecting application (client ID ${clientId}) is in another project, the token is not valid for it.`
    : `This credential's scopes ask for no API project's audience, so the token is valid only for ZITADEL itself, not for the introspecting application (client ID ${clientId}).`;
  const jwt =
    hints.jwtAudience === undefined
      ? ""
      : ` Checked on the held token (a JWT): its aud is [${hints.jwtAudience.join(", ")}], which ${hints.jwtAudience.includes(clientId) ? "does" : "does not"} contain the application's client ID ${clientId}; ZITADEL also accepts the app's project ID there.`;
  return {
    text: `The token's audience does not include the introspecting application's project. ${requested}${jwt}`,
    fix: "Request the scope urn:zitadel:iam:org:project:id:{your API project id}:aud on the credential's scopes (the project that holds the introspecting API application), run Test token, then introspect again.",
  };
}
