import { requestText, responseText, shape, withTokenShapes } from "@/lib/reports/exchange-text";
import type { CredentialDto } from "@/lib/schemas/credential";
import type { Diagnosis, OrgLookupResult, TokenMetadata, TokenTestResult, Transcript } from "@/lib/schemas/diagnostics";
import type { FlowStage, Presentation } from "@/lib/schemas/presentation";

// The presenter view's script: the steps of one check, service → token endpoint → API, each with its narration, its
// facts and its HTTP. Everything comes redacted from the server; tokens are shown here only by their shape.

export type Party = "service" | "token" | "api";
export type StepStatus = "done" | "failed" | "not_reached";

export const PARTY_LABELS: Record<Party, string> = {
  service: "Your service",
  token: "ZITADEL token endpoint",
  api: "ZITADEL API (orgs/me)",
};

export interface FlowStep {
  id: "sign" | "pat" | "request" | "answer" | "call" | "org";
  from: Party;
  to: Party;
  title: string;
  narration: string;
  facts: { term: string; value: string }[];
  claims: { caption: string; claims: Record<string, unknown> }[];
  http: string | null;
  status: StepStatus;
  diagnosis?: Diagnosis;
}

export interface Failure {
  stage: FlowStage;
  diagnosis: Diagnosis;
  httpStatus: number | null;
}

export interface FlowInput {
  credential: CredentialDto;
  scopes: Presentation["scopes"];
  tokenTest: TokenTestResult | null;
  orgLookup: OrgLookupResult | null;
  /** "Break it": this failure instead of the check's own outcome. */
  failure?: Failure | null;
}

export function buildFlow(input: FlowInput): FlowStep[] {
  const failure = input.failure ?? ownFailure(input);
  const steps = input.credential.kind === "pat" ? patSteps(input) : tokenSteps(input);
  const failedAt = failure ? (failure.stage === "token" ? "answer" : "org") : null;
  const failedIndex = failedAt ? steps.findIndex((step) => step.id === failedAt) : -1;
  return steps.map((step, index) => {
    if (failedIndex === -1 || index < failedIndex) return step;
    if (index > failedIndex) return { ...step, status: "not_reached", http: null, facts: [], claims: [], narration: NOT_REACHED };
    return failedStep(step, failure!);
  });
}

const NOT_REACHED = "The flow stopped at an earlier step, so this one never happened.";

/** Where the check itself stopped, if it failed. */
function ownFailure({ credential, tokenTest, orgLookup }: FlowInput): Failure | null {
  if (credential.kind !== "pat" && tokenTest?.outcome === "failed" && tokenTest.diagnosis) {
    return { stage: "token", diagnosis: tokenTest.diagnosis, httpStatus: tokenTest.httpStatus };
  }
  if (orgLookup?.outcome === "failed" && orgLookup.diagnosis) {
    return { stage: "api", diagnosis: orgLookup.diagnosis, httpStatus: orgLookup.diagnosis.httpStatus ?? null };
  }
  return null;
}

function failedStep(step: FlowStep, failure: Failure): FlowStep {
  const { diagnosis, httpStatus } = failure;
  const who = step.id === "answer" ? "The token endpoint" : "The API";
  const answered = httpStatus === null ? "gave no answer" : `answered HTTP ${httpStatus}`;
  return {
    ...step,
    status: "failed",
    title: `${step.title}: it fails here`,
    narration: `${who} ${answered}. ${diagnosis.title}: ${diagnosis.explanation}`,
    facts: [
      ...(httpStatus === null ? [] : [{ term: "HTTP status", value: String(httpStatus) }]),
      ...(diagnosis.upstreamError ? [{ term: "ZITADEL's error", value: upstreamText(diagnosis.upstreamError) }] : []),
      ...(diagnosis.requestId ? [{ term: "Request ID", value: diagnosis.requestId }] : []),
    ],
    claims: [],
    diagnosis,
  };
}

export function upstreamText(error: NonNullable<Diagnosis["upstreamError"]>): string {
  return error.description ? `${error.error}: ${error.description}` : error.error;
}

function tokenSteps(input: FlowInput): FlowStep[] {
  const { credential, tokenTest } = input;
  const transcript = tokenTest?.transcript ?? null;
  const isKey = credential.kind === "jwt_profile";
  const steps: FlowStep[] = [];
  if (isKey) steps.push(signStep(transcript));
  steps.push(requestStep(input, transcript));
  steps.push(answerStep(tokenTest, transcript));
  steps.push(callStep(input, "the access token it just received"));
  steps.push(orgStep(input.orgLookup));
  return steps;
}

function patSteps(input: FlowInput): FlowStep[] {
  const { credential } = input;
  return [
    {
      id: "pat",
      from: "service",
      to: "service",
      title: "The token it already holds",
      narration:
        "A personal access token is made in ZITADEL ahead of time and handed to the service. There is no token request: the service skips the token endpoint and sends the token straight to the API.",
      facts: [
        { term: "Credential", value: "Personal access token" },
        { term: "Token", value: shape("personal access token", null) },
        { term: "Expires", value: credential.expiresAt ?? "Not known" },
      ],
      claims: [],
      http: null,
      status: "done",
    },
    callStep(input, "its personal access token"),
    orgStep(input.orgLookup),
  ];
}

function signStep(transcript: Transcript | null): FlowStep {
  const assertion = transcript?.request.assertion;
  return {
    id: "sign",
    from: "service",
    to: "service",
    title: "Sign an assertion",
    narration:
      "With a key file the service proves who it is by signing a short-lived JWT, the assertion, with its private key. The header names the key; the claims say who signs (iss, sub), for whom (aud: the issuer) and for how long (iat, exp). The private key never leaves the service.",
    facts: [{ term: "Signed assertion", value: shape("signed assertion, RS256 JWT", null) }],
    claims: assertion
      ? [
          { caption: "Assertion header", claims: assertion.header },
          { caption: "Assertion claims", claims: assertion.claims },
        ]
      : [],
    http: assertion
      ? `${JSON.stringify(assertion.header, null, 2)}\n.\n${JSON.stringify(assertion.claims, null, 2)}\n.\n${shape("signature", null)}`
      : null,
    status: "done",
  };
}

function requestStep({ credential, scopes, tokenTest }: FlowInput, transcript: Transcript | null): FlowStep {
  const isKey = credential.kind === "jwt_profile";
  const authentication = isKey
    ? "The signed assertion in the body (grant type jwt-bearer)"
    : credential.authMethod === "basic"
      ? "HTTP Basic: client ID and secret in the Authorization header"
      : "client_id and client_secret in the POST body";
  return {
    id: "request",
    from: "service",
    to: "token",
    title: "Ask for a token",
    narration: isKey
      ? "The service posts the assertion to ZITADEL's token endpoint with the jwt-bearer grant. The scopes say what the token should carry: each one adds something to it."
      : `The service posts the client credentials grant to ZITADEL's token endpoint, authenticating as ${credential.clientId} with its secret. The scopes say what the token should carry: each one adds something to it.`,
    facts: [
      { term: "Grant type", value: isKey ? "urn:ietf:params:oauth:grant-type:jwt-bearer" : "client_credentials" },
      { term: "Client authentication", value: authentication },
      ...(isKey ? [] : [{ term: "Client ID", value: credential.clientId }]),
      ...scopes.map(({ scope, meaning }) => ({ term: `Scope ${scope}`, value: meaning })),
    ],
    claims: [],
    http: transcript ? requestText(transcript.request) : (tokenTest?.curl ?? null),
    status: "done",
  };
}

function answerStep(tokenTest: TokenTestResult | null, transcript: Transcript | null): FlowStep {
  const token = tokenTest?.token;
  const response = transcript?.response;
  return {
    id: "answer",
    from: "token",
    to: "service",
    title: "The token comes back",
    narration: token
      ? `ZITADEL checks the credentials and answers with a ${token.tokenType} token, valid for ${lifetime(token.expiresIn)}. ${tokenKindText(token)} Its audience lists who may accept it.`
      : "ZITADEL checks the credentials and answers with an access token and how long it is valid.",
    facts: token
      ? [
          { term: "Token type", value: token.tokenType },
          { term: "Lifetime", value: lifetime(token.expiresIn) },
          { term: "Access token", value: shape(`access token, ${token.kind === "jwt" ? "JWT" : token.kind}`, token.length) },
          { term: "Audience", value: token.audience.join(", ") || "Not stated" },
          { term: "Signature", value: signatureText(token) },
        ]
      : [],
    claims: token?.claims ? [{ caption: "Access token claims", claims: token.claims }] : [],
    http: response ? responseText({ ...response, body: withTokenShapes(response.body, token) }) : null,
    status: "done",
  };
}

function callStep({ credential, orgLookup }: FlowInput, what: string): FlowStep {
  return {
    id: "call",
    from: "service",
    to: "api",
    title: "Call the API",
    narration: `The service calls ZITADEL's Management API, GET orgs/me, with ${what} as a Bearer token in the Authorization header.${credential.orgId ? ` The x-zitadel-orgid header asks for organization ${credential.orgId}.` : ""}`,
    facts: [
      { term: "Request", value: "GET /management/v1/orgs/me" },
      { term: "Authorization", value: `Bearer ${shape(credential.kind === "pat" ? "personal access token" : "access token", null)}` },
    ],
    claims: [],
    http: orgLookup?.curl ?? null,
    status: "done",
  };
}

function orgStep(orgLookup: OrgLookupResult | null): FlowStep {
  const org = orgLookup?.org;
  return {
    id: "org",
    from: "api",
    to: "service",
    title: "The organization comes back",
    narration: org
      ? `The API accepts the token and answers with the organization the service user belongs to: ${org.name}.`
      : "The API accepts the token and answers with the organization the service user belongs to.",
    facts: org
      ? [
          { term: "Organization", value: org.name },
          { term: "Organization ID", value: org.id },
          ...(org.primaryDomain ? [{ term: "Primary domain", value: org.primaryDomain }] : []),
        ]
      : [],
    claims: [],
    http: org
      ? JSON.stringify({ org: { id: org.id, name: org.name, primaryDomain: org.primaryDomain || undefined, state: org.state } }, null, 2)
      : null,
    status: "done",
  };
}

function lifetime(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

function tokenKindText(token: TokenMetadata): string {
  if (token.kind === "jwt")
    return "It is a JWT: anyone can read its claims, and the console checked its signature against the issuer's keys.";
  if (token.kind === "encrypted") return "It is encrypted: only ZITADEL can read it.";
  return "It is opaque: only ZITADEL can tell what it means, so the API asks ZITADEL.";
}

function signatureText(token: TokenMetadata): string {
  if (token.signature === "verified") return "Verified against the issuer's keys";
  if (token.signature === "unverified") return `Not verified${token.signatureNote ? `: ${token.signatureNote}` : ""}`;
  return "Not applicable (not a JWT)";
}
