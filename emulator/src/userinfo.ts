import type { IncomingMessage } from "node:http";
import { serviceUserClaims } from "./claims";
import type { EmulatorContext } from "./context";
import { tokenErrors, userinfoErrors } from "./errors";
import { oauthJson, parseRequestForm, type Reply } from "./http";
import { resolveServiceToken } from "./token-store";

// GET|POST /oidc/v1/userinfo — service-user tokens answered here, operator tokens forwarded to oidc-provider.

export type UserinfoOutcome = { kind: "forward" } | { kind: "reply"; reply: Reply };

export async function handleUserinfo(ctx: EmulatorContext, req: IncomingMessage, url: URL): Promise<UserinfoOutcome> {
  const { form, error } = await parseRequestForm(req, url);
  if (error) return { kind: "reply", reply: tokenErrors.formInvalid() };
  // zitadel/oidc takes "Bearer " (case-sensitive) first, then an access_token form field.
  const header = req.headers.authorization ?? "";
  const token = header.startsWith("Bearer ") ? header.slice("Bearer ".length) : form.get("access_token");
  if (token === "") return { kind: "reply", reply: userinfoErrors.tokenMissing() };

  const resolved = await resolveServiceToken(ctx, token);
  if (resolved) {
    const { user, org, record } = resolved;
    return { kind: "reply", reply: oauthJson(200, { sub: user.id, ...serviceUserClaims(user, org, record.scopes) }) };
  }
  if (await ctx.provider.AccessToken.find(token)) return { kind: "forward" };
  return { kind: "reply", reply: userinfoErrors.tokenInvalid() };
}
