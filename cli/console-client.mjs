import { createPrivateKey } from "node:crypto";
import { readFileSync } from "node:fs";
import { SignJWT } from "jose";

// The console's API as a ZITADEL service user calls it: a token from ZITADEL (a key file's JWT-profile grant, or client
// ID and secret), then Authorization: Bearer on every call. Failures become a UsageError (exit 2) with the console's
// own message and hint.

export class UsageError extends Error {
  /** @param {string} message @param {string} [hint] */
  constructor(message, hint) {
    super(message);
    this.name = "UsageError";
    this.hint = hint;
  }
}

const JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

/** The scopes that make the token good for the console: its project's audience and roles, and the user's org. */
function consoleScope(projectId) {
  return [
    "openid",
    "profile",
    "urn:zitadel:iam:org:projects:roles",
    `urn:zitadel:iam:org:project:id:${projectId}:aud`,
    "urn:zitadel:iam:user:resourceowner",
  ].join(" ");
}

// ZITADEL form-unescapes Basic credentials: encode them first, as RFC 6749 asks.
const formEncode = (value) => encodeURIComponent(value).replace(/%20/g, "+");

/** An access token for the service user the settings name. */
export async function obtainToken(settings) {
  if (settings.token) return settings.token;
  if (!settings.issuer) throw new UsageError("No ZITADEL issuer.", "Set M2M_CONSOLE_ISSUER or --issuer (e.g. https://acme.zitadel.cloud).");
  if (!settings.projectId)
    throw new UsageError("No project id.", "Set M2M_CONSOLE_PROJECT_ID or --project to the console's ZITADEL project id.");
  const form = new URLSearchParams({ scope: consoleScope(settings.projectId) });
  const headers = { "content-type": "application/x-www-form-urlencoded", accept: "application/json" };
  if (settings.keyFile) {
    form.set("grant_type", JWT_BEARER);
    form.set("assertion", await signAssertion(settings.keyFile, settings.issuer));
  } else if (settings.clientId && settings.clientSecret) {
    form.set("grant_type", "client_credentials");
    headers.authorization = `Basic ${Buffer.from(`${formEncode(settings.clientId)}:${formEncode(settings.clientSecret)}`).toString("base64")}`;
  } else {
    throw new UsageError(
      "No service user to sign in as.",
      "Set M2M_CONSOLE_KEY_FILE (a key file), or M2M_CONSOLE_CLIENT_ID and M2M_CONSOLE_CLIENT_SECRET, or M2M_CONSOLE_TOKEN.",
    );
  }
  const response = await send(`${settings.issuer}/oauth/v2/token`, { method: "POST", headers, body: form }, "ZITADEL");
  const body = await response.json().catch(() => ({}));
  if (!response.ok || typeof body.access_token !== "string") {
    const reason = [body.error, body.error_description].filter(Boolean).join(": ") || `HTTP ${response.status}`;
    throw new UsageError(`ZITADEL refused the token request (${reason}).`, "Check the service user's key file or secret.");
  }
  return body.access_token;
}

async function signAssertion(path, issuer) {
  let file;
  try {
    file = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new UsageError(`Cannot read the key file ${path} (${error.code ?? error.message}).`);
  }
  if (file.type !== "serviceaccount" || !file.userId || !file.keyId || !file.key) {
    throw new UsageError(`${path} is not a service user's key file.`, "Download it in ZITADEL: Users → Service Users → Keys.");
  }
  return new SignJWT({})
    .setProtectedHeader({ alg: "RS256", kid: file.keyId })
    .setIssuer(file.userId)
    .setSubject(file.userId)
    .setAudience(issuer)
    .setIssuedAt()
    .setExpirationTime("1m")
    .sign(createPrivateKey(file.key));
}

async function send(url, init, peer) {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
  } catch (error) {
    throw new UsageError(`Cannot reach ${peer} at ${new URL(url).origin} (${error.cause?.code ?? error.message}).`);
  }
}

/** The console's API with the token: JSON in and out, its error shape turned into a UsageError. */
export function consoleApi(consoleUrl, token) {
  if (!consoleUrl) throw new UsageError("No console URL.", "Set M2M_CONSOLE_URL or --console (e.g. https://console.example.com).");
  const origin = new URL(consoleUrl).origin;
  return async function call(method, path, body) {
    const headers = { authorization: `Bearer ${token}`, accept: "application/json" };
    if (body !== undefined) headers["content-type"] = "application/json";
    const response = await send(
      `${origin}${path}`,
      { method, headers, body: body === undefined ? undefined : JSON.stringify(body) },
      "the console",
    );
    if (response.ok) return response.headers.get("content-type")?.includes("application/json") ? response.json() : response.text();
    const error = (await response.json().catch(() => ({}))).error ?? {};
    throw new UsageError(error.message ?? `The console answered HTTP ${response.status}.`, error.hint);
  };
}
