import type { IncomingMessage, ServerResponse } from "node:http";
import { compactVerify, decodeJwt, type JWTPayload } from "jose";
import type { EmulatorContext } from "./context";
import { oauthError, tokenErrors } from "./errors";
import type { FormValues } from "./go-form";
import { parseRequestForm, writeReply, type Reply } from "./http";

// /oidc/v1/end_session as ZITADEL answers it (zitadel/oidc ValidateEndSessionRequest, then TerminateSession): no
// confirmation page. The browser's login session ends and the browser is sent on at once with a 302.

/** ZITADEL's default when no client names a post-logout URI (login UI v1 "logged out" page). */
export const LOGGED_OUT_PATH = "/ui/login/logout/done";

export async function handleEndSession(ctx: EmulatorContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const { form, error } = await parseRequestForm(req, url);
  if (error) return writeReply(res, tokenErrors.formInvalid());
  const outcome = await redirectTarget(ctx, form);
  if ("error" in outcome) return writeReply(res, outcome.error);
  await endLoginSession(ctx, req, res);
  writeReply(res, found(outcome.location, req.method ?? "GET"));
}

type Target = { location: string } | { error: Reply };

/**
 * The client comes from the id_token_hint (or client_id). Without a client the post_logout_redirect_uri is ignored,
 * so it can never be an open redirect; with one it must be registered, byte for byte.
 */
async function redirectTarget(ctx: EmulatorContext, form: FormValues): Promise<Target> {
  let clientId = form.get("client_id");
  const hint = form.get("id_token_hint");
  if (hint !== "") {
    const claims = await verifyIdTokenHint(ctx, hint);
    if (!claims) return { error: oauthError("invalid_request", "id_token_hint invalid") };
    const party = authorizedParty(claims);
    if (clientId !== "" && clientId !== party)
      return { error: oauthError("invalid_request", "client_id does not match azp of id_token_hint") };
    clientId = party;
  }

  let location = LOGGED_OUT_PATH;
  if (clientId !== "") {
    const app = ctx.directory.appByClientId(clientId);
    // ZITADEL turns a failed client lookup into a bare server_error.
    if (!app || app.type !== "oidc") return { error: oauthError("server_error", undefined, 500) };
    const requested = form.get("post_logout_redirect_uri");
    if (requested !== "") {
      if (!app.postLogoutRedirectUris.includes(requested))
        return { error: oauthError("invalid_request", "post_logout_redirect_uri invalid") };
      location = requested;
    }
  }
  const state = form.get("state");
  return { location: state === "" ? location : withQueryParam(location, "state", state) };
}

/** Signature and issuer must hold; an expired hint is still accepted, as zitadel/oidc does. */
async function verifyIdTokenHint(ctx: EmulatorContext, token: string): Promise<JWTPayload | undefined> {
  try {
    await compactVerify(token, ctx.key.publicKey);
    const claims = decodeJwt(token);
    return claims.iss === ctx.issuer ? claims : undefined;
  } catch {
    return undefined;
  }
}

/** `azp`, else the only audience: oidc-provider leaves `azp` out of id_tokens with a single audience. */
function authorizedParty(claims: JWTPayload): string {
  if (typeof claims.azp === "string") return claims.azp;
  const audience = typeof claims.aud === "string" ? [claims.aud] : (claims.aud ?? []);
  return audience.length === 1 ? audience[0]! : "";
}

/** Go's mergeQueryParams: existing query kept, `state` added. Relative paths stay relative. */
function withQueryParam(location: string, name: string, value: string): string {
  const url = new URL(location, "http://relative.invalid");
  url.searchParams.set(name, value);
  return location.startsWith("/") ? `${url.pathname}${url.search}` : url.toString();
}

/** Like ZITADEL's login v1: every login of this browser (its session cookie) ends, whoever the hint names. */
async function endLoginSession(ctx: EmulatorContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const session = await ctx.provider.Session.get({ req, res });
  await session.destroy();
  const name = ctx.provider.cookieName("session");
  const expired = "path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT; samesite=lax; httponly";
  res.setHeader("set-cookie", [`${name}=; ${expired}`, `${name}.sig=; ${expired}`]);
}

const GO_HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;" };

/** Go's http.Redirect with 302: a GET also gets the small HTML body. */
function found(location: string, method: string): Reply {
  const html = method === "GET" || method === "HEAD";
  const href = location.replace(/[&<>"']/g, (c) => GO_HTML_ESCAPES[c]!);
  return {
    status: 302,
    headers: { location, ...(html ? { "content-type": "text/html; charset=utf-8" } : {}) },
    body: html ? `<a href="${href}">Found</a>.\n\n` : "",
  };
}
