import type { ServiceUser } from "./seed";

// Roles whose RolePermissionMappings include `org.read` (ZITADEL cmd/defaults.yaml).
const ORG_ROLES_WITH_ORG_READ = new Set([
  "ORG_OWNER",
  "ORG_OWNER_VIEWER",
  "ORG_USER_MANAGER",
  "ORG_SETTINGS_MANAGER",
  "ORG_USER_PERMISSION_EDITOR",
  "ORG_PROJECT_PERMISSION_EDITOR",
]);
const INSTANCE_ROLES_WITH_ORG_READ = new Set(["IAM_OWNER", "IAM_OWNER_VIEWER", "IAM_ORG_MANAGER", "IAM_USER_MANAGER", "IAM_LOGIN_CLIENT"]);

/** Org roles count in their own org; IAM_* roles are instance memberships and count in every org. */
export function canReadOrg(user: ServiceUser, orgId: string): boolean {
  return user.memberships.some((membership) =>
    membership.roles.some(
      (role) => INSTANCE_ROLES_WITH_ORG_READ.has(role) || (membership.orgId === orgId && ORG_ROLES_WITH_ORG_READ.has(role)),
    ),
  );
}
