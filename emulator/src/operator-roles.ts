import { type Directory, operatorOrg } from "./directory";
import { audienceFromScopes } from "./scopes";
import type { App, Operator, Org } from "./seed";

// Project-role claims of a signed-in operator, by ZITADEL's rules (internal/api/oidc/userinfo.go: prepareRoles,
// assertRoles, setUserInfoRoleClaims). An operator's `role` is an authorization on every seeded OIDC app's project.

export const ROLES_SCOPE = "urn:zitadel:iam:org:projects:roles";
export const ROLES_CLAIM = "urn:zitadel:iam:org:project:roles";

export function projectRolesClaim(projectId: string): string {
  return `urn:zitadel:iam:org:project:${projectId}:roles`;
}

/** `{ "<roleKey>": { "<orgId>": "<orgPrimaryDomain>" } }` */
export type RolesClaimValue = Record<string, Record<string, string>>;

/** Where oidc-provider is about to put the claims. */
export type ClaimsUse = "id_token" | "userinfo";

/**
 * The projects whose roles are asserted. The roles scope only widens the audience to the projects named by
 * `urn:zitadel:iam:org:project:id:{id}:aud` scopes; once that audience is not empty, or the project asserts roles on
 * authentication, the app's own project joins it. So the roles scope alone, with no `:aud` scope, asserts nothing.
 */
export function roleAudience(app: App, scopes: readonly string[], zitadelProjectId: string): string[] {
  const audience = scopes.includes(ROLES_SCOPE) ? audienceFromScopes([...scopes], zitadelProjectId) : [];
  if ((app.assertRolesOnAuthentication || audience.length > 0) && !audience.includes(app.projectId)) audience.push(app.projectId);
  return audience;
}

/** No authorization, no claim: ZITADEL leaves the claims out rather than sending an empty object. */
export function operatorRoleClaims(
  directory: Directory,
  operator: Operator,
  app: App,
  scopes: readonly string[],
  use: ClaimsUse,
): Record<string, RolesClaimValue> {
  if (use === "id_token" && !app.idTokenRoleAssertion) return {};
  const projects = roleAudience(app, scopes, directory.seed.instance.zitadelProjectId);
  return roleClaims(directory, { role: operator.role, org: operatorOrg(directory, operator) }, projects, app.projectId);
}

/**
 * The role claims of a user (operator or service user) whose `role` is an authorization on every seeded OIDC app's
 * project, for the projects asked about: one claim per project, and the generic claim for the requesting app's own
 * project. A service user's own token was requested by no app, so it carries only the per-project claims.
 */
export function roleClaims(
  directory: Directory,
  user: { role?: string | undefined; org: Org },
  projects: readonly string[],
  requestProjectId: string | null,
): Record<string, RolesClaimValue> {
  const { role, org } = user;
  if (!role) return {};
  const grantedProjects = new Set(directory.seed.apps.filter((a) => a.type === "oidc").map((a) => a.projectId));
  const granted = projects.filter((id) => grantedProjects.has(id));
  const roles = (): RolesClaimValue => ({ [role]: { [org.id]: org.primaryDomain } });
  const claims: Record<string, RolesClaimValue> = {};
  if (requestProjectId && granted.includes(requestProjectId)) claims[ROLES_CLAIM] = roles();
  for (const projectId of granted) claims[projectRolesClaim(projectId)] = roles();
  return claims;
}

/** The scopes oidc-provider must know to keep them on a token: the roles scope and every seeded project's `:aud`. */
export function roleScopes(directory: Directory): string[] {
  const projectIds = ["zitadel", directory.seed.instance.zitadelProjectId, ...directory.seed.apps.map((app) => app.projectId)];
  return [ROLES_SCOPE, ...new Set(projectIds.map((id) => `urn:zitadel:iam:org:project:id:${id}:aud`))];
}
