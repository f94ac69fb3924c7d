import "server-only";
import type { ManagerRole } from "@/lib/schemas/provisioning";
import type { RequestContext } from "@/lib/server/request-context";
import { addOrgMember, getMemberRoles, updateOrgMember } from "@/lib/server/zitadel";
import { callZitadel, type CallOutcome, type CallScope } from "./call-zitadel";

// Makes the user a member of the org with the role. Already a member: its roles become the union of what it had and
// the new one, so granting never takes a role away.

const ALREADY_EXISTS = 6;

export async function grantManagerRole(
  context: RequestContext,
  scope: CallScope,
  userId: string,
  role: ManagerRole,
): Promise<CallOutcome<{ detail: string }>> {
  const added = await callZitadel(context, scope, (connection) => addOrgMember(connection, userId, [role]));
  if (added.ok) return { ok: true, data: { detail: `Granted ${role} in organization ${scope.orgId ?? "of the user"}` } };
  if (added.grpcCode !== ALREADY_EXISTS) return added;

  const current = await callZitadel(context, scope, (connection) => getMemberRoles(connection, userId));
  if (!current.ok) return current;
  if (current.data.includes(role)) return { ok: true, data: { detail: `Already held ${role}` } };
  const roles = [...new Set([...current.data, role])];
  const updated = await callZitadel(context, scope, (connection) => updateOrgMember(connection, userId, roles));
  return updated.ok ? { ok: true, data: { detail: `Roles now ${roles.join(", ")}` } } : updated;
}
