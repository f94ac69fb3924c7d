import type { IncomingMessage } from "node:http";
import { serviceUserClaims } from "./claims";
import { isCredentialsError, parseClientCredentials, secretsEqual } from "./client-auth";
import type { EmulatorContext } from "./context";
import { introspectionErrors, tokenErrors } from "./errors";
import { oauthJson, parseRequestForm, type Reply } from "./http";
import type { App } from "./seed";
import { resolveServiceToken } from "./token-store";

// POST /oauth/v2/introspect — only API/OIDC apps may ask; every token problem is a 200 {"active":false}.

const inactive = () => oauthJson(200, { active: false });

export async function handleIntrospection(ctx: EmulatorContext, req: IncomingMessage, url: URL): Promise<Reply> {
  const { form, error } = await parseRequestForm(req, url);
  if (error) return tokenErrors.formInvalid();
  const credentials = parseClientCredentials(form, req.headers.authorization);
  if (isCredentialsError(credentials)) return credentials;
  if (credentials.clientSecret === "" && credentials.clientAssertion === "") return introspectionErrors.notAuthenticated();
  const token = form.get("token");
  if (token === "") return introspectionErrors.tokenMissing();

  // Service users are not applications, and private_key_jwt assertions are not emulated.
  const app = ctx.directory.appByClientId(credentials.clientId);
  if (!app || credentials.clientAssertion !== "" || !secretsEqual(app.clientSecret, credentials.clientSecret)) {
    return introspectionErrors.unauthorizedClient();
  }
  return (await introspectServiceToken(ctx, app, token)) ?? (await introspectOperatorToken(ctx, app, token)) ?? inactive();
}

async function introspectServiceToken(ctx: EmulatorContext, app: App, token: string): Promise<Reply | undefined> {
  const resolved = await resolveServiceToken(ctx, token);
  if (!resolved) return undefined;
  const { record, user, org } = resolved;
  // validateIntrospectionAudience: the caller's client id or project id must be in the token's audience.
  if (!record.audience.includes(app.clientId) && !record.audience.includes(app.projectId)) return inactive();
  const profile = record.scopes.includes("profile") ? { username: user.username } : {};
  return oauthJson(200, {
    active: true,
    scope: record.scopes.join(" "),
    client_id: user.username,
    token_type: "Bearer",
    exp: record.exp,
    iat: record.iat,
    auth_time: record.iat,
    nbf: record.iat,
    sub: user.id,
    aud: record.audience,
    amr: ["pwd"],
    iss: ctx.issuer,
    jti: record.tokenId,
    ...profile,
    ...serviceUserClaims(user, org, record.scopes),
  });
}

/** Operator tokens come from oidc-provider; they are active for apps of the same project. */
async function introspectOperatorToken(ctx: EmulatorContext, app: App, token: string): Promise<Reply | undefined> {
  const accessToken = await ctx.provider.AccessToken.find(token);
  if (!accessToken || !ctx.directory.operatorById(accessToken.accountId)) return undefined;
  const owner = ctx.directory.appByClientId(accessToken.clientId);
  if (!owner || (owner.clientId !== app.clientId && owner.projectId !== app.projectId)) return inactive();
  return oauthJson(200, {
    active: true,
    scope: accessToken.scope ?? "",
    client_id: accessToken.clientId,
    token_type: "Bearer",
    exp: accessToken.exp,
    iat: accessToken.iat,
    sub: accessToken.accountId,
    aud: [owner.clientId, owner.projectId],
    iss: ctx.issuer,
  });
}
