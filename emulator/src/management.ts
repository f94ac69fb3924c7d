import type { IncomingMessage } from "node:http";
import type { AccessToken } from "oidc-provider";
import type { EmulatorContext } from "./context";
import { operatorOrg } from "./directory";
import { managementErrors } from "./errors";
import { faultsFor } from "./faults";
import { gatewayJson, type Reply } from "./http";
import { hasPermission, type Permission } from "./permissions";
import { orgToProto } from "./protojson";
import { audienceFromScopes, splitScope } from "./scopes";
import type { Faults, Membership, Org } from "./seed";
import { resolveServiceToken } from "./token-store";

// ZITADEL's auth interceptor for the Management API (and the v2 services), in its order: header, token, audience,
// org header, permission. GET /management/v1/orgs/me is answered here too.

/** Who called: a service user (access token or PAT) or an operator (the access token of their sign-in). */
export interface Caller {
  kind: "machine" | "human";
  id: string;
  username: string;
  orgId: string;
  memberships: Membership[];
}

export interface ManagementOutcome {
  reply: Reply;
  faults?: Faults;
  client?: string;
}

export type Authorization =
  { ok: true; caller: Caller; org: Org; faults?: Faults } | { ok: false; reply: Reply; caller?: Caller; faults?: Faults };

/**
 * The caller and the org of the request (x-zitadel-orgid, default the caller's own), once the caller holds
 * `permission` there. "authenticated" asks for a valid token only (the v2 org search filters afterwards).
 */
export async function authorize(
  ctx: EmulatorContext,
  req: IncomingMessage,
  permission: Permission | "authenticated",
): Promise<Authorization> {
  const header = req.headers.authorization;
  if (!header) return { ok: false, reply: managementErrors.headerMissing() };
  // authz.extractBearerToken splits on the literal "Bearer " and wants exactly two parts: `bearer x` is refused.
  const parts = header.split("Bearer ");
  if (parts.length !== 2) return { ok: false, reply: managementErrors.invalidHeader() };

  const resolved = await resolveCaller(ctx, parts[1]!);
  if (!resolved) return { ok: false, reply: managementErrors.tokenInvalid() };
  const { caller, faults } = resolved;

  const requestedOrg = headerValue(req.headers["x-zitadel-orgid"]);
  const orgId = requestedOrg || caller.orgId;
  const org = /^\d+$/.test(orgId) ? ctx.directory.orgById(orgId) : undefined;
  if (!org) return { ok: false, reply: managementErrors.orgNotExisting(), caller, faults };
  if (permission !== "authenticated" && !hasPermission(caller.memberships, org.id, permission)) {
    return { ok: false, reply: managementErrors.noPermission(), caller, faults };
  }
  return { ok: true, caller, org, faults };
}

export async function handleOrgsMe(ctx: EmulatorContext, req: IncomingMessage): Promise<ManagementOutcome> {
  if (req.method !== "GET") return { reply: managementErrors.methodNotAllowed() };
  const auth = await authorize(ctx, req, "org.read");
  const client = auth.caller?.username;
  if (!auth.ok) return { reply: auth.reply, faults: auth.faults, client };
  return { reply: gatewayJson(200, { org: orgToProto(auth.org) }), faults: auth.faults, client };
}

/** A token whose audience lacks the ZITADEL project is as invalid as an unknown one. */
async function resolveCaller(ctx: EmulatorContext, token: string): Promise<{ caller: Caller; faults?: Faults } | undefined> {
  const projectId = ctx.directory.seed.instance.zitadelProjectId;
  const resolved = await resolveServiceToken(ctx, token);
  if (resolved) {
    if (!resolved.record.audience.includes(projectId)) return undefined;
    const { user } = resolved;
    const caller: Caller = { kind: "machine", id: user.id, username: user.username, orgId: user.orgId, memberships: user.memberships };
    return { caller, faults: faultsFor(user, "orgs") };
  }

  const accessToken = await ctx.provider.AccessToken.find(token);
  if (!accessToken || !(await isSessionAlive(ctx, accessToken))) return undefined;
  const operator = ctx.directory.operatorById(accessToken.accountId);
  // Requested with urn:zitadel:iam:org:project:id:zitadel:aud (or the project's id), as ZITADEL's own console does.
  if (!operator || !audienceFromScopes(splitScope(accessToken.scope ?? ""), projectId).includes(projectId)) return undefined;
  const org = operatorOrg(ctx.directory, operator);
  return { caller: { kind: "human", id: operator.id, username: operator.username, orgId: org.id, memberships: operator.memberships } };
}

/** oidc-provider binds tokens issued without offline_access to the login session; sign-out ends them. */
export async function isSessionAlive(ctx: EmulatorContext, token: AccessToken): Promise<boolean> {
  if (!token.expiresWithSession || !token.sessionUid) return true;
  const session = await ctx.provider.Session.findByUid(token.sessionUid);
  return session?.accountId === token.accountId && session.grantIdFor(token.clientId) === token.grantId;
}

function headerValue(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? "";
}
