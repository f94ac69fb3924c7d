// Who may do what. One table for the route handlers (which enforce it) and the pages (which follow it). Plain values,
// no schema library: the header of every page reads them (lib/schemas/roles holds the schemas).

export const roles = ["viewer", "operator", "admin"] as const;
export type Role = (typeof roles)[number];

/** What a route or a button needs: a role, or only a signed-in operator (sign-out, "who am I"). */
export type Access = Role | "signed-in";

export const roleLabels: Record<Role, string> = { viewer: "Viewer", operator: "Operator", admin: "Admin" };

export const roleAbilities: Record<Role, string> = {
  viewer: "reads credentials, their last results and test history",
  operator: "also runs token tests and org lookups",
  admin: "also registers, edits, deletes, reveals tokens, and sees the audit log and operators",
};

export function roleRank(role: Role | null): number {
  return role ? roles.indexOf(role) + 1 : 0;
}

export function hasAccess(role: Role | null, needed: Access): boolean {
  return needed === "signed-in" || roleRank(role) >= roleRank(needed);
}

/** The lower of two roles; null (no role) is the lowest. */
export function lowerRole(a: Role | null, b: Role | null): Role | null {
  return roleRank(a) <= roleRank(b) ? a : b;
}

export const roleSources = ["zitadel", "static"] as const;
export type RoleSource = (typeof roleSources)[number];

/** A person signs in with the browser; a machine (a ZITADEL service user) calls the API with a bearer token. */
export const operatorKinds = ["person", "machine"] as const;
export type OperatorKind = (typeof operatorKinds)[number];
