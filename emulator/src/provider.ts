import { randomBytes } from "node:crypto";
import Provider, { type Account, type KoaContextLike } from "oidc-provider";
import { type Directory } from "./directory";
import { routes } from "./discovery";
import { escapeHtml, page } from "./html";
import type { SigningKey } from "./keys";
import { type ClaimsUse, operatorRoleClaims, projectRolesClaim, ROLES_CLAIM, ROLES_SCOPE, roleScopes } from "./operator-roles";
import { splitScope } from "./scopes";
import type { App, Operator } from "./seed";

// oidc-provider serves the operator sign-in (authorization code + PKCE) on ZITADEL's paths.

export const LOGIN_PATH_PREFIX = "/ui/login/";

export function createProvider(issuer: string, directory: Directory, key: SigningKey): Provider {
  const oidcApps = directory.seed.apps.filter((app) => app.type === "oidc");
  const projectRoleClaims = [...new Set(oidcApps.map((app) => projectRolesClaim(app.projectId)))];
  const roleClaims = [ROLES_CLAIM, ...projectRoleClaims];

  // `use` and `scope` come from oidc-provider: the token's granted scopes and whether it builds an id_token or userinfo.
  const account = (operator: Operator, app: App | undefined): Account => ({
    accountId: operator.id,
    claims: (use, scope) => ({
      sub: operator.id,
      name: operator.name,
      preferred_username: operator.username,
      email: operator.email,
      email_verified: true,
      ...(app ? operatorRoleClaims(directory, operator, app, splitScope(scope ?? ""), use as ClaimsUse) : {}),
    }),
  });

  return new Provider(issuer, {
    clients: oidcApps.map((app) => ({
      client_id: app.clientId,
      client_secret: app.clientSecret,
      redirect_uris: app.redirectUris,
      post_logout_redirect_uris: app.postLogoutRedirectUris,
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      // POST credentials are moved into a Basic header before forwarding (client-auth.ts).
      token_endpoint_auth_method: "client_secret_basic",
    })),
    jwks: { keys: [key.privateJwk] },
    // http on localhost needs plain cookies; a fresh key per run invalidates old sessions, which is fine.
    cookies: { keys: [randomBytes(32).toString("base64url")] },
    routes: {
      authorization: routes.authorization,
      token: routes.token,
      userinfo: routes.userinfo,
      jwks: routes.jwks,
      end_session: routes.end_session,
      revocation: routes.revocation,
      introspection: routes.introspection,
    },
    pkce: { required: () => true },
    scopes: ["openid", "profile", "email", "offline_access", ...roleScopes(directory)],
    // Role claims may ride on `openid` too (a project that asserts roles on authentication); whether they appear is
    // decided in operatorRoleClaims. Profile and email go to userinfo only, as with ZITADEL's default.
    claims: {
      openid: ["sub", ...roleClaims],
      profile: ["name", "preferred_username"],
      email: ["email", "email_verified"],
      [ROLES_SCOPE]: roleClaims,
    },
    features: {
      devInteractions: { enabled: false },
      introspection: { enabled: false },
      revocation: { enabled: true },
      // end_session itself is answered by end-session.ts (ZITADEL redirects at once; oidc-provider would ask to
      // confirm). Only oidc-provider's `{end_session}/confirm` stays in use: when someone else signs in over a live
      // session (prompt=login), its login flow ends the old session there before it resumes.
      rpInitiatedLogout: { enabled: true },
    },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `${LOGIN_PATH_PREFIX}${interaction.uid}` },
    findAccount: (ctx: KoaContextLike, sub: string) => {
      const operator = directory.operatorById(sub);
      const clientId = ctx.oidc?.client?.clientId;
      return operator ? account(operator, clientId === undefined ? undefined : directory.appByClientId(clientId)) : undefined;
    },
    renderError: (ctx: KoaContextLike, out: Record<string, string>) => {
      ctx.type = "html";
      const rows = Object.entries(out).map(([name, value]) => `<p><strong>${escapeHtml(name)}</strong>: ${escapeHtml(value)}</p>`);
      ctx.body = page("Sign-in error", `<h1>Sign-in error</h1>\n${rows.join("\n")}`);
    },
    ttl: {
      AccessToken: directory.seed.instance.accessTokenLifetimeSeconds,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 3600,
      Session: 86_400,
      Grant: 86_400,
      RefreshToken: 86_400 * 14,
    },
  });
}
