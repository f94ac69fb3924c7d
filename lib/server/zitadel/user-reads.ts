import "server-only";
import type { UserGrantInfo, UserKeyInfo, UserMembershipInfo } from "@/lib/schemas/lookup";
import { call, mapped, type ManagementConnection, type ManagementResult } from "./management";
import { keyListSchema, MANAGEMENT_PATH, membershipListSchema, patListSchema, userGrantListSchema } from "./management-wire";

// What support reads about one service user over the v1 Management API, in the org of the connection (the user's
// own): its keys, its personal access tokens, its manager roles and its grants on projects. Reads only.

const users = `${MANAGEMENT_PATH}/users`;

export async function listUserKeys(connection: ManagementConnection, userId: string): Promise<ManagementResult<UserKeyInfo[]>> {
  const result = await call(connection, {
    method: "POST",
    path: `${users}/${encodeURIComponent(userId)}/keys/_search`,
    body: {},
    schema: keyListSchema,
    permission: "user.read",
    doing: "list the service user's keys",
  });
  return mapped(result, (data) => (data.result ?? []).map((key) => ({ id: key.id, expiresAt: key.expirationDate ?? null })));
}

export async function listUserPats(connection: ManagementConnection, userId: string): Promise<ManagementResult<UserKeyInfo[]>> {
  const result = await call(connection, {
    method: "POST",
    path: `${users}/${encodeURIComponent(userId)}/pats/_search`,
    body: {},
    schema: patListSchema,
    permission: "user.read",
    doing: "list the service user's personal access tokens",
  });
  return mapped(result, (data) => (data.result ?? []).map((pat) => ({ id: pat.id, expiresAt: pat.expirationDate ?? null })));
}

/** Its manager roles in the org of the connection and in the instance (ZITADEL lists no other org's here). */
export async function listUserMemberships(
  connection: ManagementConnection,
  userId: string,
): Promise<ManagementResult<UserMembershipInfo[]>> {
  const result = await call(connection, {
    method: "POST",
    path: `${users}/${encodeURIComponent(userId)}/memberships/_search`,
    body: {},
    schema: membershipListSchema,
    permission: "user.membership.read",
    doing: "read the service user's manager roles",
  });
  return mapped(result, (data) =>
    (data.result ?? []).map((membership) => ({
      scope: membership.iam ? ("instance" as const) : membership.orgId ? ("org" as const) : ("project" as const),
      id: membership.orgId ?? membership.projectId ?? null,
      name: membership.displayName ?? null,
      roles: membership.roles ?? [],
    })),
  );
}

export async function listUserGrants(connection: ManagementConnection, userId: string): Promise<ManagementResult<UserGrantInfo[]>> {
  const result = await call(connection, {
    method: "POST",
    path: `${users}/grants/_search`,
    body: { queries: [{ userIdQuery: { userId } }] },
    schema: userGrantListSchema,
    permission: "user.grant.read",
    doing: "read the service user's grants on projects",
  });
  return mapped(result, (data) =>
    (data.result ?? []).map((grant) => ({
      id: grant.id,
      projectId: grant.projectId ?? null,
      projectName: grant.projectName ?? null,
      roles: grant.roleKeys ?? [],
      isActive: grant.state !== "USER_GRANT_STATE_INACTIVE",
      orgName: grant.orgName ?? grant.orgId ?? null,
    })),
  );
}
