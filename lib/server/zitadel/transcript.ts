import "server-only";
import type { AuthMethod } from "@/lib/schemas/credential";
import type { Transcript } from "@/lib/schemas/diagnostics";
import type { CapturedExchange } from "@/lib/server/http";
import { maskToken } from "./token-format";

// What went over the wire, safe to show: the secret and tokens are redacted or masked, non-JSON bodies are not shown,
// and copy-paste curl commands in the shape of ZITADEL's guide with placeholders for the secret and token.

const REDACTED = "[REDACTED]";
const MAX_BODY_CHARS = 4000;
const TOKEN_FIELDS = new Set(["access_token", "id_token", "refresh_token"]);
const SHOWN_HEADERS = ["content-type", "accept", "authorization", "x-zitadel-orgid", "user-agent"];

/** Builds the transcript of a token request. `secrets` are scrubbed from every string as a last line of defence. */
export function buildTranscript(exchange: CapturedExchange, secrets: readonly string[]): Transcript {
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
            body: describeBody(response.contentType, response.bodyText),
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
      lines([...common, `--data grant_type=client_credentials`, `--data-urlencode ${quote(`client_id=${clientId}`)}`, `--data-urlencode "client_secret=$CLIENT_SECRET"`, scopeLine]),
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

/** GET orgs/me as ZITADEL's guide writes it, with $TOKEN read from the terminal. */
export function orgsMeCurl(url: string, orgId?: string | null): string {
  return [
    `read -rs TOKEN  # paste an access token from the token request, then press Enter`,
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

function lines(parts: string[]): string {
  return parts.join(" \\\n  ");
}

function displayName(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_m, dash: string, letter: string) => dash + letter.toUpperCase());
}

function redactForm(body: string): string {
  if (!body) return "";
  return [...new URLSearchParams(body)]
    .map(([key, value]) => `${formEncode(key)}=${key === "client_secret" ? REDACTED : formEncode(value)}`)
    .join("&");
}

function describeBody(contentType: string | null, text: string): string {
  if (contentType === "application/json") {
    try {
      const masked = maskTokenFields(JSON.parse(text) as unknown);
      const shown = JSON.stringify(masked, null, 2);
      return shown.length > MAX_BODY_CHARS ? `${shown.slice(0, MAX_BODY_CHARS)}\n… (truncated)` : shown;
    } catch {
      // falls through: not shown, like any other non-JSON body
    }
  }
  return `[${Buffer.byteLength(text)} bytes of ${contentType ?? "unknown content"}, not shown]`;
}

function maskTokenFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskTokenFields);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key, TOKEN_FIELDS.has(key) && typeof inner === "string" ? maskToken(inner) : maskTokenFields(inner)]),
  );
}

function scrub(transcript: Transcript, secrets: readonly string[]): Transcript {
  const needles = secrets.filter((secret) => secret.length >= 8).flatMap((secret) => [secret, formEncode(secret), encodeURIComponent(secret)]);
  if (needles.length === 0) return transcript;
  const json = needles.reduce((text, needle) => text.split(JSON.stringify(needle).slice(1, -1)).join(REDACTED), JSON.stringify(transcript));
  return JSON.parse(json) as Transcript;
}
