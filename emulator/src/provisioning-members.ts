import { z } from "zod";
import type { EmulatorContext } from "./context";
import { provisioningErrors } from "./errors";
import { gatewayJson, type Reply } from "./http";
import { areValidMemberRoles, isInstanceRole } from "./permissions";
import { detailsToProto } from "./protojson";
import { lengthViolation, type Call } from "./provisioning-call";
import type { Membership } from "./seed";

// Org members over the Management API v1 (POST /orgs/me/members, PUT /orgs/me/members/{userId}) in the org of the
// request, with the checks of ZITADEL's AddOrgMemberCommand and ChangeOrgMember, in their order.

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
  memberships.push({ orgId: call.org.id, roles: [...roles] });
  return memberReply(ctx, call.org.id, "creationDate");
}

/** Replaces the member's org roles; instance roles it holds are left alone. */
export function updateOrgMember(ctx: EmulatorContext, call: Call<z.infer<typeof updateOrgMemberBody>>): Reply {
  const { roles } = call.body;
  if (roles.length === 0) return provisioningErrors.memberInvalid("Org-LiaZi");
  if (!areValidMemberRoles(roles, { allowSelfManagement: false })) return provisioningErrors.memberInvalid("IAM-m9fG8");
  const memberships = membershipsOf(ctx, call.params[0] ?? "");
  const current = memberships ? orgRoles(memberships, call.org.id) : [];
  if (!memberships || current.length === 0) return provisioningErrors.memberNotFound();
  if (current.length === roles.length && current.every((role, i) => role === roles[i])) return provisioningErrors.memberRolesNotChanged();

  for (const membership of memberships) {
    if (membership.orgId === call.org.id) membership.roles = membership.roles.filter(isInstanceRole);
  }
  const emptied = memberships.filter((membership) => membership.roles.length === 0);
  for (const membership of emptied) memberships.splice(memberships.indexOf(membership), 1);
  memberships.push({ orgId: call.org.id, roles: [...roles] });
  return memberReply(ctx, call.org.id, "changeDate");
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
function memberReply(ctx: EmulatorContext, orgId: string, dateField: "creationDate" | "changeDate"): Reply {
  const now = new Date().toISOString();
  const details = detailsToProto({ sequence: ctx.directory.nextSequence(orgId), [dateField]: now, resourceOwner: orgId });
  return gatewayJson(200, { details });
}
