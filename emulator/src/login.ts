import type { IncomingMessage, ServerResponse } from "node:http";
import type { Interaction } from "oidc-provider";
import { secretsEqual } from "./client-auth";
import type { EmulatorContext } from "./context";
import { loginPage, messagePage } from "./html";
import { parseRequestForm, writeReply, type Reply } from "./http";
import { LOGIN_PATH_PREFIX } from "./provider";

// /ui/login/{uid} — the operator login form for oidc-provider's interactions; consent is granted automatically.

function html(status: number, body: string): Reply {
  return { status, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" }, body };
}

const expired = () => html(400, messagePage("Sign-in expired", "This sign-in request is no longer valid. Start again from the app."));

export async function handleLogin(ctx: EmulatorContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const uid = url.pathname.slice(LOGIN_PATH_PREFIX.length);
  let interaction: Interaction;
  try {
    interaction = await ctx.provider.interactionDetails(req, res);
  } catch {
    return writeReply(res, expired());
  }
  if (interaction.uid !== uid) return writeReply(res, expired());

  if (interaction.prompt.name === "consent") return grantConsent(ctx, req, res, interaction);
  if (interaction.prompt.name !== "login") return writeReply(res, html(400, messagePage("Unsupported prompt", interaction.prompt.name)));

  const action = `${LOGIN_PATH_PREFIX}${uid}`;
  if (req.method === "GET") return writeReply(res, html(200, loginPage({ action })));
  if (req.method !== "POST") return writeReply(res, html(405, messagePage("Method not allowed", req.method ?? "")));

  const { form } = await parseRequestForm(req, url);
  const loginName = form.get("loginName");
  const operator = ctx.directory.operatorByLogin(loginName);
  // Compare even for unknown names so timing does not reveal which login names exist.
  const passwordOk = secretsEqual(operator?.password ?? "\u0000no-operator", form.get("password"));
  if (!operator || !passwordOk) return writeReply(res, html(200, loginPage({ action, loginName, failed: true })));
  await ctx.provider.interactionFinished(req, res, { login: { accountId: operator.id } }, { mergeWithLastSubmission: false });
}

/** Seeded apps are first-party: grant whatever scopes and claims the app asked for, as oidc-provider's example does. */
async function grantConsent(ctx: EmulatorContext, req: IncomingMessage, res: ServerResponse, interaction: Interaction): Promise<void> {
  const accountId = interaction.session?.accountId;
  const clientId = interaction.params.client_id;
  if (!accountId || typeof clientId !== "string") return writeReply(res, expired());
  const grant =
    (interaction.grantId && (await ctx.provider.Grant.find(interaction.grantId))) || new ctx.provider.Grant({ accountId, clientId });
  const { missingOIDCScope, missingOIDCClaims, missingResourceScopes } = interaction.prompt.details as {
    missingOIDCScope?: string[];
    missingOIDCClaims?: string[];
    missingResourceScopes?: Record<string, string[]>;
  };
  if (missingOIDCScope) grant.addOIDCScope(missingOIDCScope.join(" "));
  if (missingOIDCClaims) grant.addOIDCClaims(missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(" "));
  const grantId = await grant.save();
  await ctx.provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
}
