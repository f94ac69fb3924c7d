import { z } from "@/lib/zod";

// Who may do what. One table for the route handlers (which enforce it) and the pages (which follow it).

export const roles = ["viewer", "operator", "admin"] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

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

// The signed-in operator as the browser sees it.
export const meSchema = z.object({
  id: z.string(),
  name: z.string(),
  login: z.string().nullable(),
  email: z.string().nullable(),
  role: roleSchema.nullable(),
});
export type Me = z.infer<typeof meSchema>;

export const operatorDtoSchema = z.object({
  id: z.string(),
  name: z.string(),
  login: z.string().nullable(),
  email: z.string().nullable(),
  role: roleSchema.nullable(),
  signInRole: roleSchema.nullable(),
  roleSource: z.enum(roleSources).nullable(),
  roleCap: roleSchema.nullable(),
  isDisabled: z.boolean(),
  lastSignInAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
  version: z.number().int(),
});
export type OperatorDto = z.infer<typeof operatorDtoSchema>;

export const operatorListSchema = z.object({ items: z.array(operatorDtoSchema) });
export type OperatorList = z.infer<typeof operatorListSchema>;

export const updateOperatorSchema = z
  .strictObject({
    version: z.number().int().min(1),
    roleCap: roleSchema.nullable().optional(),
    isDisabled: z.boolean().optional(),
  })
  .refine((value) => value.roleCap !== undefined || value.isDisabled !== undefined, "Change the role cap or the status.");
export type UpdateOperator = z.infer<typeof updateOperatorSchema>;

export const operatorParamsSchema = z.object({ id: z.string().min(1).max(200) });
