import type { IncomingMessage } from "node:http";
import { z } from "zod";
import type { EmulatorContext } from "./context";
import { managementErrors } from "./errors";
import { readBody, type Reply } from "./http";
import { authorize } from "./management";
import type { Permission } from "./permissions";
import type { Call } from "./provisioning-call";
import {
  listBody,
  listMachineKeys,
  listPersonalAccessTokens,
  listUserGrants,
  listUserGrantsBody,
  listUserMemberships,
} from "./provisioning-lookup";
import {
  addOrgMember,
  addOrgMemberBody,
  listOrgMembers,
  listOrgMembersBody,
  updateOrgMember,
  updateOrgMemberBody,
} from "./provisioning-members";
import { listOrganizations } from "./provisioning-orgs";
import {
  createMachineUser,
  createMachineUserBody,
  findUserByLoginName,
  generateSecret,
  getMyUser,
  getUserById,
  reactivateUser,
  removeSecret,
} from "./provisioning-users";

// The Management API calls that provision a service user and that read one for support, and the v2 org search, routed like ZITADEL's gRPC
// gateway: the JSON body is decoded first (400 when it cannot be), then the auth interceptor runs, then the call.

interface Route {
  method: string;
  path: RegExp;
  permission: Permission | "authenticated";
  /** Routes with `body: "*"` in the proto; unknown fields are dropped, as the gateway's DiscardUnknown does. */
  body?: z.ZodType;
  handle(ctx: EmulatorContext, call: Call<never>): Reply;
}

const ID = "([^/]+)";
const anyObject = z.object({});

const ROUTES: Route[] = [
  {
    method: "POST",
    path: /^\/management\/v1\/users\/machine$/,
    permission: "user.write",
    body: createMachineUserBody,
    handle: createMachineUser,
  },
  { method: "GET", path: /^\/management\/v1\/global\/users\/_by_login_name$/, permission: "user.global.read", handle: findUserByLoginName },
  { method: "GET", path: new RegExp(`^/management/v1/users/${ID}$`), permission: "user.read", handle: getUserById },
  {
    method: "PUT",
    path: new RegExp(`^/management/v1/users/${ID}/secret$`),
    permission: "user.write",
    body: anyObject,
    handle: generateSecret,
  },
  { method: "DELETE", path: new RegExp(`^/management/v1/users/${ID}/secret$`), permission: "user.write", handle: removeSecret },
  {
    method: "POST",
    path: new RegExp(`^/management/v1/users/${ID}/_reactivate$`),
    permission: "user.write",
    body: anyObject,
    handle: reactivateUser,
  },
  {
    method: "POST",
    path: /^\/management\/v1\/orgs\/me\/members$/,
    permission: "org.member.write",
    body: addOrgMemberBody,
    handle: addOrgMember,
  },
  {
    method: "POST",
    path: /^\/management\/v1\/orgs\/me\/members\/_search$/,
    permission: "org.member.read",
    body: listOrgMembersBody,
    handle: listOrgMembers,
  },
  {
    method: "PUT",
    path: new RegExp(`^/management/v1/orgs/me/members/${ID}$`),
    permission: "org.member.write",
    body: updateOrgMemberBody,
    handle: updateOrgMember,
  },
  // Auth API GetMyUser: any valid token, its own user.
  { method: "GET", path: /^\/auth\/v1\/users\/me$/, permission: "authenticated", handle: getMyUser },
  {
    method: "POST",
    path: new RegExp(`^/management/v1/users/${ID}/keys/_search$`),
    permission: "user.read",
    body: listBody,
    handle: listMachineKeys,
  },
  {
    method: "POST",
    path: new RegExp(`^/management/v1/users/${ID}/pats/_search$`),
    permission: "user.read",
    body: listBody,
    handle: listPersonalAccessTokens,
  },
  {
    method: "POST",
    path: new RegExp(`^/management/v1/users/${ID}/memberships/_search$`),
    permission: "user.membership.read",
    body: listBody,
    handle: listUserMemberships,
  },
  {
    method: "POST",
    path: /^\/management\/v1\/users\/grants\/_search$/,
    permission: "user.grant.read",
    body: listUserGrantsBody,
    handle: listUserGrants,
  },
  // v2 OrganizationService.ListOrganizations: any valid token; the answer holds only the orgs it may read.
  { method: "POST", path: /^\/v2\/organizations\/_search$/, permission: "authenticated", body: anyObject, handle: listOrganizations },
];

/** True for paths this module answers (so the server counts them); other /management/v1 paths are a 404. */
export function isProvisioningPath(pathname: string): boolean {
  return ROUTES.some((route) => route.path.test(pathname));
}

export async function handleProvisioning(ctx: EmulatorContext, req: IncomingMessage, url: URL): Promise<{ reply: Reply; client?: string }> {
  const matching = ROUTES.filter((route) => route.path.test(url.pathname));
  const route = matching.find((candidate) => candidate.method === req.method);
  if (!route) return { reply: matching.length > 0 ? managementErrors.methodNotAllowed() : managementErrors.notFound() };
  const params = (route.path.exec(url.pathname) ?? []).slice(1).map(decodePathParam);

  let body: unknown = {};
  if (route.body) {
    const decoded = await decodeBody(req, route.body);
    if ("error" in decoded) return { reply: managementErrors.invalidArgument(decoded.error) };
    body = decoded.value;
  }

  const auth = await authorize(ctx, req, route.permission);
  if (!auth.ok) return { reply: auth.reply, client: auth.caller?.username };
  const call: Call = { caller: auth.caller, org: auth.org, params, body, url };
  return { reply: route.handle(ctx, call as Call<never>), client: auth.caller.username };
}

/** protojson accepts the JSON name (userName) and the proto name (user_name) alike. */
async function decodeBody(req: IncomingMessage, schema: z.ZodType): Promise<{ value: unknown } | { error: string }> {
  const text = (await readBody(req)).toString("utf8").trim();
  let json: unknown = {};
  if (text !== "") {
    try {
      json = JSON.parse(text);
    } catch {
      return { error: "proto: syntax error (line 1:1): invalid value" };
    }
  }
  if (typeof json !== "object" || json === null || Array.isArray(json))
    return { error: "proto: syntax error (line 1:1): unexpected token" };
  const camel = Object.fromEntries(
    Object.entries(json).map(([key, value]) => [key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), value]),
  );
  const parsed = schema.safeParse(camel);
  if (parsed.success) return { value: parsed.data };
  const field = parsed.error.issues[0]?.path.join(".") ?? "";
  return { error: `proto: (line 1:1): invalid value for field ${field}` };
}

/** A bad escape names no user (it would be a 400 from the gateway; no client sends one). */
function decodePathParam(param: string): string {
  try {
    return decodeURIComponent(param);
  } catch {
    return param;
  }
}
