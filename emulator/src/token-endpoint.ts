import type { IncomingMessage } from "node:http";
import { isCredentialsError, moveBodyCredentialsToBasic, parseClientCredentials, secretsEqual } from "./client-auth";
import type { EmulatorContext } from "./context";
import { tokenErrors } from "./errors";
import { faultsFor, isSecretHidden, isSecretPropagating } from "./faults";
import type { FormValues } from "./go-form";
import { oauthJson, parseRequestForm, type Reply } from "./http";
import { verifyJwtAssertion } from "./jwt-assertion";
import { roleClaims, ROLES_SCOPE } from "./operator-roles";
import { audienceFromScopes, grantScopes, splitScope } from "./scopes";
import type { Faults, ServiceUser } from "./seed";
import { issueServiceUserTokens } from "./tokens";

// POST /oauth/v2/token — client_credentials and the JWT profile answered here, operator sign-in grants forwarded
// to oidc-provider.

const PROVIDER_GRANTS = new Set(["authorization_code", "refresh_token"]);
const JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

export type TokenOutcome = { kind: "forward" } | { kind: "reply"; reply: Reply; faults?: Faults; client?: string };

export async function handleTokenRequest(ctx: EmulatorContext, req: IncomingMessage, url: URL): Promise<TokenOutcome> {
  const { form, error } = await parseRequestForm(req, url);
  if (error) return { kind: "reply", reply: tokenErrors.formInvalid() };
  const grantType = form.get("grant_type");
  if (grantType === "") return { kind: "reply", reply: tokenErrors.grantTypeMissing() };
  if (PROVIDER_GRANTS.has(grantType)) {
    moveBodyCredentialsToBasic(req, form);
    return { kind: "forward" };
  }
  if (grantType === JWT_BEARER) return handleJwtProfile(ctx, form);
  if (grantType !== "client_credentials") return { kind: "reply", reply: tokenErrors.unsupportedGrant(grantType) };

  const credentials = parseClientCredentials(form, req.headers.authorization);
  if (isCredentialsError(credentials)) return { kind: "reply", reply: credentials };

  const found = ctx.directory.userByLoginName(credentials.clientId);
  if (!found) return { kind: "reply", reply: tokenErrors.clientNotFound(), client: credentials.clientId };
  const client = found.user.username;
  // Human users exist but have no machine secret, exactly like a machine without one.
  if (found.kind === "human") return { kind: "reply", reply: tokenErrors.secretNotExisting(), client };

  const user = found.user;
  const faults = faultsFor(user, "token");
  const answer = (reply: Reply): TokenOutcome => ({ kind: "reply", reply, faults, client });
  if (user.secret === null || isSecretHidden(faults, ctx.startedAt)) return answer(tokenErrors.secretNotExisting());
  if (!secretsEqual(user.secret, credentials.clientSecret)) return answer(tokenErrors.secretInvalid());
  if (isSecretPropagating(ctx.directory.secretVisibleAt(user.id))) return answer(tokenErrors.secretNotExisting());

  return answer(await issueForServiceUser(ctx, user, form.get("scope"), ["pwd"]));
}

/** The JWT-profile grant: no client authentication, the signed assertion is the credential. */
async function handleJwtProfile(ctx: EmulatorContext, form: FormValues): Promise<TokenOutcome> {
  const assertion = form.get("assertion");
  if (assertion === "") return { kind: "reply", reply: tokenErrors.assertionMissing() };
  const userId = await verifyJwtAssertion(assertion, ctx.issuer, (subject, keyId) => ctx.directory.serviceUserKey(subject, keyId));
  const user = userId === undefined ? undefined : ctx.directory.serviceUserById(userId);
  // zitadel/oidc's verifier fails with plain errors, which ZITADEL wraps as Internal: one 500 for every cause.
  if (!user) return { kind: "reply", reply: tokenErrors.internal() };
  const reply = await issueForServiceUser(ctx, user, form.get("scope"), []);
  return { kind: "reply", reply, faults: faultsFor(user, "token"), client: user.username };
}

/** What both grants share once the user is known: scopes, the user's state, then the tokens. */
async function issueForServiceUser(ctx: EmulatorContext, user: ServiceUser, scope: string, amr: string[]): Promise<Reply> {
  const requested = splitScope(scope);
  if (requested.length === 0) return tokenErrors.scopeMissing();
  const org = ctx.directory.orgById(user.orgId);
  if (!org) return tokenErrors.internal();
  const scopes = grantScopes(requested, org);
  // Since ZITADEL v2.62 the user state is checked when the session is created, after the scopes.
  if (user.state !== "active") return tokenErrors.userNotActive();

  const { instance } = ctx.directory.seed;
  const audience = audienceFromScopes(requested, instance.zitadelProjectId);
  const roleProjects = scopes.includes(ROLES_SCOPE) ? audience : [];
  const body = await issueServiceUserTokens(
    { issuer: ctx.issuer, key: ctx.key, tokens: ctx.tokens, lifetimeSeconds: instance.accessTokenLifetimeSeconds },
    { user, org, scopes, audience, amr, roleClaims: roleClaims(ctx.directory, { role: user.role, org }, roleProjects, null) },
  );
  return oauthJson(200, body);
}
