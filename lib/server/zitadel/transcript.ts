import "server-only";
import type { AuthMethod } from "@/lib/schemas/credential";
import type { Transcript } from "@/lib/schemas/diagnostics";
import type { CapturedExchange } from "@/lib/server/http";
import { describeJsonAnswer, type AnswerShape } from "./transcript-body";

// What went over the wire, safe to show: the secret and tokens are redacted or masked, of the answer only the fields
// ZITADEL defines (the rest named and sized), non-JSON bodies not at all; and copy-paste curl commands in the shape
// of ZITADEL's guide with placeholders for the secret and token.

const REDACTED = "[REDACTED]";
const SHOWN_HEADERS = ["content-type", "accept", "authorization", "x-zitadel-orgid", "user-agent"];
// Form fields that carry a credential: the secret, and a signed assertion (whoever holds it can trade it for a token
// until it expires).
const REDACTED_FIELDS = new Set(["client_secret", "assertion", "client_assertion"]);

/**
 * Builds the transcript of a request to ZITADEL (by default the token request; `shape` names which answer ZITADEL
 * gives there). `secrets` are scrubbed from every string as a last line of defence.
 */
export function buildTranscript(exchange: CapturedExchange, secrets: readonly string[], shape: AnswerShape = "token"): Transcript {
  const { request, response } = exchange;
  const transcript: Transcript = {
    request: {
      method: request.method,
      url: request.url,
      headers: SHOWN_HEADERS.flatMap((name) => {
        const value = request.headers[name];
        if (value === undefined) return [];
        return [[displayName(name), name === "authorization" ? `${value.split(" ")[0]} ${REDACTED}` : value] as [string, string]];
      }),
      body: redactForm(request.body),
    },
    ...(response
      ? {
          response: {
            status: response.status,
            contentType: response.contentType,
            ...describeBody(response.contentType, response.bodyText, shape),
            latencyMs: response.latencyMs,
          },
        }
      : {}),
  };
  return scrub(transcript, secrets);
}

export interface TokenCurlInput {
  tokenEndpoint: string;
  clientId: string;
  scopes: readonly string[];
  authMethod: AuthMethod;
}

/** The token request as ZITADEL's guide writes it, with $CLIENT_SECRET read from the terminal (not the shell history). */
export function tokenCurl({ tokenEndpoint, clientId, scopes, authMethod }: TokenCurlInput): string {
  const scope = scopes.join(" ");
  const scopeLine = /^[\w:./ -]*$/.test(scope) ? `--data scope=${quote(scope)}` : `--data-urlencode ${quote(`scope=${scope}`)}`;
  const common = [`curl --request POST`, `--url ${quote(tokenEndpoint)}`, `--header 'Content-Type: application/x-www-form-urlencoded'`];
  if (authMethod === "post") {
    return [
      `read -rs CLIENT_SECRET  # paste the client secret, then press Enter`,
      lines([
        ...common,
        `--data grant_type=client_credentials`,
        `--data-urlencode ${quote(`client_id=${clientId}`)}`,
        `--data-urlencode "client_secret=$CLIENT_SECRET"`,
        scopeLine,
      ]),
    ].join("\n");
  }
  return [
    `# ZITADEL URL-decodes Basic credentials: the client ID below is already form-url-encoded,`,
    `# and the secret must be too if it has characters other than letters and digits.`,
    `CLIENT_ID=${quote(formEncode(clientId))}`,
    `read -rs CLIENT_SECRET  # paste the client secret, then press Enter`,
    lines([...common, `--user "$CLIENT_ID:$CLIENT_SECRET"`, `--data grant_type=client_credentials`, scopeLine]),
  ].join("\n");
}

export interface JwtProfileCurlInput {
  tokenEndpoint: string;
  scopes: readonly string[];
  /** The decoded header and claims of the assertion the console sent, to copy into one signed by hand. */
  assertion?: { header: Record<string, unknown>; claims: Record<string, unknown> };
}

/** The JWT-profile token request: the assertion must be signed with the key file's private key, so it is read in. */
export function jwtProfileCurl({ tokenEndpoint, scopes, assertion }: JwtProfileCurlInput): string {
  const scope = scopes.join(" ");
  const scopeLine = /^[\w:./ -]*$/.test(scope) ? `--data scope=${quote(scope)}` : `--data-urlencode ${quote(`scope=${scope}`)}`;
  const shown = assertion
    ? [
        `# The console signed (RS256, with the key file's private key) an assertion with this header and these claims:`,
        `#   header: ${JSON.stringify(assertion.header)}`,
        `#   claims: ${JSON.stringify(assertion.claims)}`,
      ]
    : [
        `# Sign an RS256 JWT with the key file's private key: header kid = keyId; claims iss = sub = userId, aud = the issuer,`,
        `# iat = now, exp = now + 60 s.`,
      ];
  return [
    ...shown,
    `# Sign one the same way (with a fresh iat and exp; ZITADEL's SDKs or zitadel-tools key2jwt do this), then:`,
    `read -rs ASSERTION  # paste the signed assertion, then press Enter`,
    lines([
      `curl --request POST`,
      `--url ${quote(tokenEndpoint)}`,
      `--header 'Content-Type: application/x-www-form-urlencoded'`,
      `--data grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer`,
      `--data-urlencode "assertion=$ASSERTION"`,
      scopeLine,
    ]),
  ].join("\n");
}

/** GET orgs/me as ZITADEL's guide writes it, with $TOKEN read from the terminal. */
export function orgsMeCurl(url: string, orgId?: string | null, tokenSource: "exchange" | "pat" = "exchange"): string {
  return [
    tokenSource === "pat"
      ? `read -rs TOKEN  # paste the personal access token, then press Enter`
      : `read -rs TOKEN  # paste an access token from the token request, then press Enter`,
    lines([
      `curl --request GET`,
      `--url ${quote(url)}`,
      `--header "Authorization: Bearer $TOKEN"`,
      ...(orgId ? [`--header ${quote(`x-zitadel-orgid: ${orgId}`)}`] : []),
      `--header 'Accept: application/json'`,
    ]),
  ].join("\n");
}

/** POSIX shell quoting: bare when harmless, otherwise single quotes with embedded quotes escaped. */
export function quote(value: string): string {
  if (/^[\w/:.,@%+=-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** RFC 6749 §2.3.1 / ZITADEL's documented construction (application/x-www-form-urlencoded). */
export function formEncode(value: string): string {
  return encodeURIComponent(value).replace(/%20/g, "+");
}

export function lines(parts: string[]): string {
  return parts.join(" \\\n  ");
}

function displayName(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_m, dash: string, letter: string) => dash + letter.toUpperCase());
}

function redactForm(body: string): string {
  if (!body) return "";
  return [...new URLSearchParams(body)]
    .map(([key, value]) => `${formEncode(key)}=${REDACTED_FIELDS.has(key) ? REDACTED : formEncode(value)}`)
    .join("&");
}

type DescribedBody = Pick<NonNullable<Transcript["response"]>, "body" | "otherFields" | "otherFieldsTotal">;

function describeBody(contentType: string | null, text: string, shape: AnswerShape): DescribedBody {
  const notShown = `[${Buffer.byteLength(text)} bytes of ${contentType ?? "unknown content"}, not shown]`;
  if (contentType !== "application/json") return { body: notShown, otherFields: [], otherFieldsTotal: 0 };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { body: notShown, otherFields: [], otherFieldsTotal: 0 };
  }
  const { shown, otherFields, otherFieldsTotal } = describeJsonAnswer(json, shape);
  return { body: shown ? JSON.stringify(shown, null, 2) : "[JSON that is not an object, not shown]", otherFields, otherFieldsTotal };
}

function scrub(transcript: Transcript, secrets: readonly string[]): Transcript {
  const needles = secrets
    .filter((secret) => secret.length >= 8)
    .flatMap((secret) => [secret, formEncode(secret), encodeURIComponent(secret)]);
  if (needles.length === 0) return transcript;
  const json = needles.reduce((text, needle) => text.split(JSON.stringify(needle).slice(1, -1)).join(REDACTED), JSON.stringify(transcript));
  return JSON.parse(json) as Transcript;
}
