import { z } from "zod";
import type { EmulatorContext } from "./context";
import { operatorOrg } from "./directory";
import { gatewayJson, type Reply } from "./http";
import { nextId } from "./ids";
import { isInstanceRole } from "./permissions";
import { detailsToProto, listDetailsToProto, protoTimestamp } from "./protojson";
import type { Call } from "./provisioning-call";
import type { Membership, Operator, Org, ServiceUser } from "./seed";

// What support reads about a service user over the Management API v1: its keys, its personal access tokens, its
// memberships and its grants on projects. Each list is ZITADEL's query scoped to the org of the request (keys, PATs,
// grants by resource owner; memberships in that org or the instance): a user of another org has none there.

// AddPersonalAccessToken gives every PAT these scopes (command/user_personal_access_token.go).
const PAT_SCOPES = ["openid", "profile", "urn:zitadel:iam:user:metadata", "urn:zitadel:iam:user:resourceowner"];

export const listBody = z.object({}).loose();

export const listUserGrantsBody = z.object({
  queries: z
    .array(
      z
        .object({
          userIdQuery: z.object({ userId: z.string().default("") }).optional(),
          withGrantedQuery: z.object({ withGranted: z.boolean().default(false) }).optional(),
        })
        .loose(),
    )
    .default([]),
});

/** POST /users/{user_id}/keys/_search (ListMachineKeys). */
export function listMachineKeys(ctx: EmulatorContext, call: Call): Reply {
  const user = machineInOrg(ctx, call.params[0] ?? "", call.org.id);
  const result = (user?.keys ?? []).map((key) => ({
    id: key.keyId,
    details: detailsToProto({
      sequence: 1,
      creationDate: createdAt(ctx, user!),
      changeDate: createdAt(ctx, user!),
      resourceOwner: user!.orgId,
    }),
    type: "KEY_TYPE_JSON",
    expirationDate: protoTimestamp(key.expirationDate),
  }));
  return listReply(ctx, call.org, result);
}

/** POST /users/{user_id}/pats/_search (ListPersonalAccessTokens). */
export function listPersonalAccessTokens(ctx: EmulatorContext, call: Call): Reply {
  const user = machineInOrg(ctx, call.params[0] ?? "", call.org.id);
  const result = (user ? ctx.directory.patsOf(user.id) : []).map((seeded) => {
    const issued = new Date(seeded.issuedAt * 1000).toISOString();
    return {
      id: seeded.tokenId,
      details: detailsToProto({ sequence: 1, creationDate: issued, changeDate: issued, resourceOwner: seeded.user.orgId }),
      expirationDate: protoTimestamp(seeded.pat.expirationDate),
      scopes: PAT_SCOPES,
    };
  });
  return listReply(ctx, call.org, result);
}

/** POST /users/{user_id}/memberships/_search (ListUserMemberships): org roles in the request's org, then instance roles. */
export function listUserMemberships(ctx: EmulatorContext, call: Call): Reply {
  const userId = call.params[0] ?? "";
  const memberships = (ctx.directory.serviceUserById(userId) ?? ctx.directory.operatorById(userId))?.memberships ?? [];
  const orgRoles = rolesWhere(memberships, (membership, role) => membership.orgId === call.org.id && !isInstanceRole(role));
  const instanceRoles = rolesWhere(memberships, (_membership, role) => isInstanceRole(role));
  const details = (orgId: string) => detailsToProto({ sequence: call.org.sequence, changeDate: call.org.changedAt, resourceOwner: orgId });
  const result = [
    ...(orgRoles.length > 0
      ? [{ userId, details: details(call.org.id), roles: orgRoles, displayName: call.org.name, orgId: call.org.id }]
      : []),
    ...(instanceRoles.length > 0 ? [{ userId, details: details(call.org.id), roles: instanceRoles, iam: true }] : []),
  ];
  return listReply(ctx, call.org, result);
}

/**
 * POST /users/grants/_search (ListUserGrants): the seed's authorizations on the console's project (a user's `role`),
 * owned by the first org. Grants owned by the request's org; `withGranted` adds those of users of that org.
 */
export function listUserGrants(ctx: EmulatorContext, call: Call<z.infer<typeof listUserGrantsBody>>): Reply {
  const userIds = call.body.queries.flatMap((query) => (query.userIdQuery ? [query.userIdQuery.userId] : []));
  const withGranted = call.body.queries.some((query) => query.withGrantedQuery?.withGranted);
  const result = grants(ctx)
    .filter((grant) => userIds.every((id) => grant.userId === id))
    .filter((grant) => grant.orgId === call.org.id || (withGranted && grant.grantedOrgId === call.org.id));
  return listReply(ctx, call.org, result);
}

const grantIds = new Map<string, string>();

function grants(ctx: EmulatorContext): Record<string, unknown>[] {
  const { seed } = ctx.directory;
  const project = seed.apps.find((app) => app.type === "oidc")?.projectId;
  const owner = seed.orgs[0];
  if (!project || !owner) return [];
  const users: { user: ServiceUser | Operator; org: Org; userType: string }[] = [
    ...seed.serviceUsers.flatMap((user) => {
      const org = ctx.directory.orgById(user.orgId);
      return org ? [{ user, org, userType: "TYPE_MACHINE" }] : [];
    }),
    ...seed.operators.map((user) => ({ user, org: operatorOrg(ctx.directory, user), userType: "TYPE_HUMAN" })),
  ];
  return users.flatMap(({ user, org, userType }) => {
    if (!user.role) return [];
    const id = grantIds.get(user.id) ?? nextId();
    grantIds.set(user.id, id);
    return [
      {
        id,
        details: detailsToProto({ sequence: 1, creationDate: owner.createdAt, changeDate: owner.changedAt, resourceOwner: owner.id }),
        roleKeys: [user.role],
        state: "USER_GRANT_STATE_ACTIVE",
        userId: user.id,
        userName: user.username,
        displayName: user.name,
        orgId: owner.id,
        orgName: owner.name,
        orgDomain: owner.primaryDomain,
        projectId: project,
        preferredLoginName: user.username,
        userType,
        grantedOrgId: org.id,
        grantedOrgName: org.name,
        grantedOrgDomain: org.primaryDomain,
      },
    ];
  });
}

function machineInOrg(ctx: EmulatorContext, userId: string, orgId: string): ServiceUser | undefined {
  const user = ctx.directory.serviceUserById(userId);
  return user?.orgId === orgId ? user : undefined;
}

function createdAt(ctx: EmulatorContext, user: ServiceUser): string | undefined {
  return user.createdAt ?? ctx.directory.orgById(user.orgId)?.createdAt;
}

function rolesWhere(memberships: readonly Membership[], keep: (membership: Membership, role: string) => boolean): string[] {
  return memberships.flatMap((membership) => membership.roles.filter((role) => keep(membership, role)));
}

/** protojson omits an empty list and a zero total; the projection's state is always there. */
function listReply(ctx: EmulatorContext, org: Org, result: readonly unknown[]): Reply {
  const details = listDetailsToProto({ totalResult: result.length, processedSequence: ctx.directory.sequence(org.id) }, "v1");
  return gatewayJson(200, result.length === 0 ? { details } : { details, result });
}
