import "server-only";
import type { ManagerRole } from "@/lib/schemas/provisioning";
import type { RequestContext } from "@/lib/server/request-context";
import { addOrgMember, getMemberRoles, makeDiagnosis, updateOrgMember } from "@/lib/server/zitadel";
import { callZitadel, type CallOutcome, type CallScope } from "./call-zitadel";

// Makes the user a member of the org with the role. Already a member: its roles become the union of what it had and
// the new one, so granting never takes a role away. When its current roles cannot be read, nothing is changed:
// ZITADEL's update replaces the roles, and a guess could remove one.

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
  if (!current.ok) {
    const explanation = `The service user is already a member of this organization, and its current roles could not be read (${current.diagnosis.title.toLowerCase()}), so nothing was changed: ZITADEL replaces a member's roles, and a guess could take one away. In ZITADEL, open the organization's members and add ${role} to its roles.`;
    return {
      ok: false,
      diagnosis: makeDiagnosis("request_rejected", { explanation, httpStatus: current.diagnosis.httpStatus }),
      grpcCode: null,
    };
  }
  if (current.data.includes(role)) return { ok: true, data: { detail: `Already held ${role}` } };
  const roles = [...new Set([...current.data, role])];
  const updated = await callZitadel(context, scope, (connection) => updateOrgMember(connection, userId, roles));
  return updated.ok ? { ok: true, data: { detail: `Roles now ${roles.join(", ")}` } } : updated;
}
