import { z } from "zod";
import type { EmulatorContext } from "./context";
import { provisioningErrors } from "./errors";
import { gatewayJson, type Reply } from "./http";
import { areValidMemberRoles, isInstanceRole } from "./permissions";
import { detailsToProto, listDetailsToProto } from "./protojson";
import { lengthViolation, type Call } from "./provisioning-call";
import type { Membership } from "./seed";

// Org members over the Management API v1 (POST /orgs/me/members, PUT /orgs/me/members/{userId}) in the org of the
// request, with the checks of ZITADEL's (v4) AddOrgMember and ChangeOrgMember commands, in their order.

/** The details of a membership's last event: ChangeOrgMember answers them when nothing changes. */
const lastEvents = new WeakMap<Membership, { sequence: number; changeDate: string }>();

export const addOrgMemberBody = z.object({ userId: z.string().default(""), roles: z.array(z.string()).default([]) });
export const updateOrgMemberBody = z.object({ roles: z.array(z.string()).default([]) });

export function addOrgMember(ctx: EmulatorContext, call: Call<z.infer<typeof addOrgMemberBody>>): Reply {
  const { userId, roles } = call.body;
  const invalid = lengthViolation("AddOrgMemberRequest", "UserId", userId, 1, 200);
  if (invalid) return invalid;
  if (roles.length === 0) return provisioningErrors.memberRolesMissing();
  if (!areValidMemberRoles(roles, { allowSelfManagement: true })) return provisioningErrors.memberInvalid("Org-4N8es");
  // Any user of the instance may become a member, whatever its own org.
  const memberships = membershipsOf(ctx, userId);
  if (!memberships) return provisioningErrors.memberUserNotFound();
  if (orgRoles(memberships, call.org.id).length > 0) return provisioningErrors.memberAlreadyExists();
  return memberReply(ctx, addMembership(memberships, call.org.id, roles), "creationDate");
}

/** Replaces the member's org roles; instance roles it holds are left alone. */
export function updateOrgMember(ctx: EmulatorContext, call: Call<z.infer<typeof updateOrgMemberBody>>): Reply {
  const { roles } = call.body;
  if (roles.length === 0) return provisioningErrors.memberInvalid("Org-LiaZi");
  if (!areValidMemberRoles(roles, { allowSelfManagement: false })) return provisioningErrors.memberInvalid("IAM-m9fG8");
  const memberships = membershipsOf(ctx, call.params[0] ?? "");
  const current = memberships ? orgRoles(memberships, call.org.id) : [];
  if (!memberships || current.length === 0) return provisioningErrors.memberNotFound();
  if (current.length === roles.length && current.every((role, i) => role === roles[i])) {
    return unchangedReply(ctx, memberships, call.org.id);
  }

  for (const membership of memberships) {
    if (membership.orgId === call.org.id) membership.roles = membership.roles.filter(isInstanceRole);
  }
  const emptied = memberships.filter((membership) => membership.roles.length === 0);
  for (const membership of emptied) memberships.splice(memberships.indexOf(membership), 1);
  return memberReply(ctx, addMembership(memberships, call.org.id, roles), "changeDate");
}

function addMembership(memberships: Membership[], orgId: string, roles: readonly string[]): Membership {
  const membership = { orgId, roles: [...roles] };
  memberships.push(membership);
  return membership;
}

/** The member's write model as it is: its last event's sequence and date (a seeded member: the org's). */
function unchangedReply(ctx: EmulatorContext, memberships: readonly Membership[], orgId: string): Reply {
  const membership = memberships.find((candidate) => candidate.orgId === orgId && candidate.roles.some((role) => !isInstanceRole(role)));
  const org = ctx.directory.orgById(orgId);
  const last = (membership && lastEvents.get(membership)) ?? {
    sequence: org?.sequence ?? 0,
    changeDate: org?.changedAt ?? new Date().toISOString(),
  };
  return gatewayJson(200, { details: detailsToProto({ ...last, resourceOwner: orgId }) });
}

export const listOrgMembersBody = z.object({
  queries: z.array(z.object({ userIdQuery: z.object({ userId: z.string() }).optional() }).loose()).default([]),
});

/**
 * POST /orgs/me/members/_search (ListOrgMembers): the members of the request's org with their org roles; a
 * `userIdQuery` narrows it to one user. protojson omits zero values: no member, no `result` and no `totalResult`,
 * but the projection's sequence and time are always there.
 */
export function listOrgMembers(ctx: EmulatorContext, call: Call<z.infer<typeof listOrgMembersBody>>): Reply {
  const wanted = call.body.queries.flatMap((query) => (query.userIdQuery ? [query.userIdQuery.userId] : []));
  const { seed } = ctx.directory;
  const users = [
    ...seed.serviceUsers.map((user) => ({ user, userType: "TYPE_MACHINE" })),
    ...seed.operators.map((user) => ({ user, userType: "TYPE_HUMAN" })),
  ];
  const result = users
    .filter(({ user }) => wanted.length === 0 || wanted.includes(user.id))
    .map(({ user, userType }) => ({
      userId: user.id,
      roles: orgRoles(user.memberships, call.org.id),
      preferredLoginName: user.username,
      displayName: user.name,
      userType,
    }))
    .filter((member) => member.roles.length > 0);
  const details = listDetailsToProto({ totalResult: result.length, processedSequence: ctx.directory.sequence(call.org.id) }, "v1");
  return gatewayJson(200, result.length === 0 ? { details } : { details, result });
}

/** The user's memberships array, changed in place so every later request sees the new roles. */
function membershipsOf(ctx: EmulatorContext, userId: string): Membership[] | undefined {
  return (ctx.directory.serviceUserById(userId) ?? ctx.directory.operatorById(userId))?.memberships;
}

function orgRoles(memberships: readonly Membership[], orgId: string): string[] {
  return memberships
    .filter((membership) => membership.orgId === orgId)
    .flatMap((membership) => membership.roles.filter((role) => !isInstanceRole(role)));
}

// Member events belong to the org aggregate.
function memberReply(ctx: EmulatorContext, membership: Membership, dateField: "creationDate" | "changeDate"): Reply {
  const now = new Date().toISOString();
  const sequence = ctx.directory.nextSequence(membership.orgId);
  lastEvents.set(membership, { sequence, changeDate: now });
  return gatewayJson(200, { details: detailsToProto({ sequence, [dateField]: now, resourceOwner: membership.orgId }) });
}
