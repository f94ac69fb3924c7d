import type { IncomingMessage } from "node:http";
import { isCredentialsError, moveBodyCredentialsToBasic, parseClientCredentials, secretsEqual } from "./client-auth";
import type { EmulatorContext } from "./context";
import { tokenErrors } from "./errors";
import { faultsFor, isSecretHidden } from "./faults";
import { oauthJson, parseRequestForm, type Reply } from "./http";
import { audienceFromScopes, grantScopes, splitScope } from "./scopes";
import type { Faults } from "./seed";
import { issueClientCredentialsTokens } from "./tokens";

// POST /oauth/v2/token — client_credentials answered here, operator sign-in grants forwarded to oidc-provider.

const PROVIDER_GRANTS = new Set(["authorization_code", "refresh_token"]);

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

  const requested = splitScope(form.get("scope"));
  if (requested.length === 0) return answer(tokenErrors.scopeMissing());
  const org = ctx.directory.orgById(user.orgId);
  if (!org) return answer(tokenErrors.internal());
  const scopes = grantScopes(requested, org);
  // Since ZITADEL v2.62 the user state is checked when the session is created, after the scopes.
  if (user.state !== "active") return answer(tokenErrors.userNotActive());

  const { instance } = ctx.directory.seed;
  const audience = audienceFromScopes(requested, instance.zitadelProjectId);
  const body = await issueClientCredentialsTokens(
    { issuer: ctx.issuer, key: ctx.key, tokens: ctx.tokens, lifetimeSeconds: instance.accessTokenLifetimeSeconds },
    { user, org, scopes, audience },
  );
  return answer(oauthJson(200, body));
}
