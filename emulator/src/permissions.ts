import type { Membership } from "./seed";

// ZITADEL's default RolePermissionMappings (cmd/defaults.yaml, InternalAuthZ), cut down to the permissions the
// emulated Management API calls ask for. A role missing here grants none of them (e.g. ORG_PROJECT_CREATOR has only
// user.global.read of these, ORG_ADMIN_IMPERSONATOR none). Note ORG_USER_MANAGER: users yes, org members neither read nor written.
export const permissions = [
  "org.read",
  "user.read",
  "user.global.read",
  "user.write",
  "org.member.read",
  "org.member.write",
  "user.membership.read",
  "user.grant.read",
] as const;
export type Permission = (typeof permissions)[number];

const ALL: readonly Permission[] = permissions;
const ROLE_PERMISSIONS: Readonly<Record<string, readonly Permission[]>> = {
  IAM_OWNER: ALL,
  IAM_OWNER_VIEWER: ["org.read", "user.read", "user.global.read", "org.member.read", "user.membership.read", "user.grant.read"],
  IAM_ORG_MANAGER: ALL,
  IAM_USER_MANAGER: [
    "org.read",
    "user.read",
    "user.global.read",
    "user.write",
    "org.member.read",
    "user.membership.read",
    "user.grant.read",
  ],
  IAM_LOGIN_CLIENT: [
    "org.read",
    "user.read",
    "user.write",
    "org.member.read",
    "org.member.write",
    "user.membership.read",
    "user.grant.read",
  ],
  ORG_OWNER: ALL,
  ORG_USER_MANAGER: ["org.read", "user.read", "user.global.read", "user.write", "user.membership.read", "user.grant.read"],
  ORG_OWNER_VIEWER: ["org.read", "user.read", "user.global.read", "org.member.read", "user.membership.read", "user.grant.read"],
  ORG_SETTINGS_MANAGER: ["org.read", "org.member.read"],
  ORG_USER_PERMISSION_EDITOR: ["org.read", "user.read", "user.global.read", "org.member.read", "user.grant.read"],
  ORG_PROJECT_PERMISSION_EDITOR: ["org.read", "user.read", "user.global.read", "org.member.read", "user.grant.read"],
  ORG_PROJECT_CREATOR: ["user.global.read"],
};

/** The org roles ZITADEL knows (every ORG_* mapping in defaults.yaml): anything else is refused as a member role. */
export const ORG_MEMBER_ROLES: ReadonlySet<string> = new Set([
  "ORG_OWNER",
  "ORG_USER_MANAGER",
  "ORG_OWNER_VIEWER",
  "ORG_SETTINGS_MANAGER",
  "ORG_USER_PERMISSION_EDITOR",
  "ORG_PROJECT_PERMISSION_EDITOR",
  "ORG_PROJECT_CREATOR",
  "ORG_ADMIN_IMPERSONATOR",
  "ORG_END_USER_IMPERSONATOR",
  "ORG_USER_SELF_MANAGER",
]);
/** AddOrgMember also accepts this one role, alone (domain.RoleSelfManagementGlobal). */
const SELF_MANAGEMENT_GLOBAL = "SELF_MANAGEMENT_GLOBAL";

export function isInstanceRole(role: string): boolean {
  return role.startsWith("IAM_");
}

/** Org roles count in their own org; IAM_* roles are instance memberships and count in every org. */
export function hasPermission(memberships: readonly Membership[], orgId: string, permission: Permission): boolean {
  return memberships.some((membership) =>
    membership.roles.some(
      (role) => (isInstanceRole(role) || membership.orgId === orgId) && (ROLE_PERMISSIONS[role]?.includes(permission) ?? false),
    ),
  );
}

/**
 * ZITADEL's check (command.AddOrgMemberCommand): every role a known org role, or every role SELF_MANAGEMENT_GLOBAL.
 * ChangeOrgMember allows only the org roles.
 */
export function areValidMemberRoles(roles: readonly string[], { allowSelfManagement }: { allowSelfManagement: boolean }): boolean {
  if (roles.every((role) => ORG_MEMBER_ROLES.has(role))) return true;
  return allowSelfManagement && roles.every((role) => role === SELF_MANAGEMENT_GLOBAL);
}
