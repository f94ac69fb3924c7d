// ZITADEL's org manager roles in plain values, no schema library: the credential page's "Fix it for me" names them on
// its first load; lib/schemas/provisioning holds the schema.

/** ZITADEL's org manager roles that carry `org.read`, so each one makes `orgs/me` work for the service user. */
export const managerRoles = [
  "ORG_OWNER",
  "ORG_OWNER_VIEWER",
  "ORG_USER_MANAGER",
  "ORG_SETTINGS_MANAGER",
  "ORG_USER_PERMISSION_EDITOR",
  "ORG_PROJECT_PERMISSION_EDITOR",
] as const;
export type ManagerRole = (typeof managerRoles)[number];

export const managerRoleLabels: Record<ManagerRole, string> = {
  ORG_OWNER: "Org Owner",
  ORG_OWNER_VIEWER: "Org Owner Viewer",
  ORG_USER_MANAGER: "Org User Manager",
  ORG_SETTINGS_MANAGER: "Org Settings Manager",
  ORG_USER_PERMISSION_EDITOR: "Org User Permission Editor",
  ORG_PROJECT_PERMISSION_EDITOR: "Org Project Permission Editor",
};
