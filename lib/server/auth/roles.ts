import "server-only";
import { getEnv } from "@/lib/env";
import { roleRank, type Role, type RoleSource } from "@/lib/schemas/roles";

// An operator's role at sign-in: from ZITADEL project roles in the claims, or from the static map for identity
// providers without role claims. The highest role found wins.

const PROJECT_ROLES_CLAIM = "urn:zitadel:iam:org:project:roles";

export interface SignInRole {
  role: Role | null;
  source: RoleSource | null;
}

export function resolveSignInRole(claims: Record<string, unknown>): SignInRole {
  const env = getEnv();
  let best: SignInRole = { role: null, source: null };
  const consider = (role: Role | undefined, source: RoleSource) => {
    if (role && roleRank(role) > roleRank(best.role)) best = { role, source };
  };
  for (const key of projectRoleKeys(claims, env.AUTH_ZITADEL_PROJECT_ID)) consider(env.AUTH_ROLE_MAP.get(key.toLowerCase()), "zitadel");
  for (const name of [claims.preferred_username, claims.email]) {
    if (typeof name === "string") consider(env.AUTH_STATIC_ROLES.get(name.toLowerCase()), "static");
  }
  return best;
}

// ZITADEL's roles claim is { roleKey: { orgId: orgDomain } }. The project-specific form is read only for the console's
// own project: a role key of some other project must not grant anything here.
function projectRoleKeys(claims: Record<string, unknown>, projectId: string | undefined): string[] {
  const sources = [claims[PROJECT_ROLES_CLAIM], projectId ? claims[`urn:zitadel:iam:org:project:${projectId}:roles`] : undefined];
  return sources.flatMap((value) => (value && typeof value === "object" && !Array.isArray(value) ? Object.keys(value) : []));
}
