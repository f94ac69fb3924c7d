import type { IncomingMessage } from "node:http";
import { decodeJwt } from "jose";
import { serviceUserClaims } from "./claims";
import { type ClientCredentials, isCredentialsError, parseClientCredentials, secretsEqual } from "./client-auth";
import type { EmulatorContext } from "./context";
import { introspectionErrors, tokenErrors } from "./errors";
import type { FormValues } from "./go-form";
import { oauthJson, parseRequestForm, type Reply } from "./http";
import { verifyJwtAssertion } from "./jwt-assertion";
import { roleAudience, roleClaims } from "./operator-roles";
import type { App } from "./seed";
import { resolveServiceToken } from "./token-store";

// POST /oauth/v2/introspect — only API/OIDC apps may ask; every token problem is a 200 {"active":false}.

const inactive = () => oauthJson(200, { active: false });
const CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

export async function handleIntrospection(ctx: EmulatorContext, req: IncomingMessage, url: URL): Promise<Reply> {
  const { form, error } = await parseRequestForm(req, url);
  if (error) return tokenErrors.formInvalid();
  const credentials = parseClientCredentials(form, req.headers.authorization);
  if (isCredentialsError(credentials)) return credentials;
  if (credentials.clientSecret === "" && credentials.clientAssertion === "") return introspectionErrors.notAuthenticated();
  const token = form.get("token");
  if (token === "") return introspectionErrors.tokenMissing();

  // ZITADEL swallows every error but unauthorized_client: an assertion that is not a JWT fails before that is decided.
  if (credentials.clientAssertion !== "" && !isJwtShaped(credentials.clientAssertion)) return inactive();
  // Service users are not applications: only an app's secret or key authenticates here.
  const app = await authenticateApp(ctx, form, credentials);
  if (!app) return introspectionErrors.unauthorizedClient();
  return (await introspectServiceToken(ctx, app, token)) ?? (await introspectOperatorToken(ctx, app, token)) ?? inactive();
}

/** Basic/POST secret, or a private_key_jwt assertion signed with one of the app's keys (iss = sub = client id). */
async function authenticateApp(ctx: EmulatorContext, form: FormValues, credentials: ClientCredentials): Promise<App | undefined> {
  if (credentials.clientAssertion === "") {
    const app = ctx.directory.appByClientId(credentials.clientId);
    return app && secretsEqual(app.clientSecret, credentials.clientSecret) ? app : undefined;
  }
  if (form.get("client_assertion_type") !== CLIENT_ASSERTION_TYPE) return undefined;
  const clientId = await verifyJwtAssertion(credentials.clientAssertion, ctx.issuer, (subject, keyId) =>
    ctx.directory.appKey(subject, keyId),
  );
  // A client_id sent alongside must name the same app.
  if (clientId === undefined || (credentials.clientId !== "" && credentials.clientId !== clientId)) return undefined;
  return ctx.directory.appByClientId(clientId);
}

function isJwtShaped(assertion: string): boolean {
  try {
    decodeJwt(assertion);
    return true;
  } catch {
    return false;
  }
}

async function introspectServiceToken(ctx: EmulatorContext, app: App, token: string): Promise<Reply | undefined> {
  const resolved = await resolveServiceToken(ctx, token);
  if (!resolved) return undefined;
  const { record, user, org } = resolved;
  // A PAT's audience gets the caller's client and project ids first; then validateIntrospectionAudience wants either.
  const audience = record.isPat ? [...record.audience, app.clientId, app.projectId] : record.audience;
  if (!audience.includes(app.clientId) && !audience.includes(app.projectId)) return inactive();
  const profile = record.scopes.includes("profile") ? { username: user.username } : {};
  // Empty values are omitted (omitempty): a PAT has no client, JWT-profile and PAT tokens have no amr.
  return oauthJson(200, {
    active: true,
    scope: record.scopes.join(" "),
    ...(record.clientId === null ? {} : { client_id: record.clientId }),
    token_type: "Bearer",
    exp: record.exp,
    iat: record.iat,
    auth_time: record.iat,
    nbf: record.iat,
    sub: user.id,
    aud: audience,
    ...(record.amr.length > 0 ? { amr: record.amr } : {}),
    iss: ctx.issuer,
    jti: record.tokenId,
    ...profile,
    ...serviceUserClaims(user, org, record.scopes),
    // ZITADEL asserts project roles for the introspecting app's project (prepareRoles), as in userinfo.
    ...roleClaims(
      ctx.directory,
      { role: user.role, org },
      roleAudience(app, record.scopes, ctx.directory.seed.instance.zitadelProjectId),
      app.projectId,
    ),
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
