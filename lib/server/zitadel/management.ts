import "server-only";
import type { ZodType } from "zod";
import type { Diagnosis } from "@/lib/schemas/diagnostics";
import type { ZitadelOrg } from "@/lib/schemas/provisioning";
import { guardedFetch, type GuardedRequest } from "@/lib/server/http";
import { makeDiagnosis, toDiagnosis } from "./diagnose";
import { diagnoseManagementError, errorIdOf, type RefusalContext } from "./diagnose-management";
import { parseJsonBody } from "./json-body";
import {
  addMachineUserSchema,
  changedSchema,
  MANAGEMENT_PATH,
  machineSecretSchema,
  machineUserSchema,
  memberSearchSchema,
  ORG_SEARCH_PATH,
  orgSearchSchema,
  type MachineUserWire,
} from "./management-wire";
import { grpcErrorSchema, ORGS_ME_PATH, orgsMeSchema } from "./wire";

// ZITADEL's v1 Management API for provisioning (docs/zitadel-notes.md): create a machine user, its secret, its org
// membership. Writes are never retried here: a retried create could make two users. Every answer, success or
// refusal, says which call it was (method, path with ids, status, error id) so the caller can audit it.

export interface ManagementConnection {
  issuer: string;
  accessToken: string;
  /** The org context (x-zitadel-orgid); the caller's own org when absent. */
  orgId?: string | null;
  /** Who acts and where, to explain a refusal. */
  refusal: Pick<RefusalContext, "who" | "isOperator" | "org">;
  signal?: AbortSignal;
}

export interface ManagementCall {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** The path with ids, as audited: never a query value that could be a secret (there is none). */
  path: string;
  httpStatus: number | null;
  errorId: string | null;
}

export type ManagementResult<T> = { call: ManagementCall } & (
  { ok: true; data: T } | { ok: false; diagnosis: Diagnosis; grpcCode: number | null; errorId: string | null }
);

export interface MachineUser {
  id: string;
  userName: string;
  /** The org the user belongs to (details.resourceOwner): the org context for calls about it. */
  orgId: string | null;
  isActive: boolean;
  /** ZITADEL's state name (USER_STATE_ACTIVE, _INACTIVE, _LOCKED, …), null when it sent none. */
  state: string | null;
  /** False for a human user: its login name is no client ID. */
  isMachine: boolean;
  hasSecret: boolean;
}

export interface CallSpec<T> {
  method: ManagementCall["method"];
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  schema: ZodType<T>;
  permission: string;
  doing: string;
}

export async function call<T>(connection: ManagementConnection, spec: CallSpec<T>): Promise<ManagementResult<T>> {
  const headers: Record<string, string> = { authorization: `Bearer ${connection.accessToken}`, accept: "application/json" };
  if (connection.orgId) headers["x-zitadel-orgid"] = connection.orgId;
  const init: GuardedRequest = { method: spec.method, headers, query: spec.query, signal: connection.signal };
  if (spec.body !== undefined) {
    headers["content-type"] = "application/json";
    init.body = JSON.stringify(spec.body);
  }
  const record = (httpStatus: number | null, errorId: string | null): ManagementCall => ({
    method: spec.method,
    path: spec.query ? `${spec.path}?${new URLSearchParams(spec.query).toString()}` : spec.path,
    httpStatus,
    errorId,
  });
  let response;
  try {
    response = await guardedFetch(`${connection.issuer}${spec.path}`, init);
  } catch (error) {
    return { ok: false, diagnosis: toDiagnosis(error), grpcCode: null, errorId: null, call: record(null, null) };
  }
  const parsed = parseJsonBody(response);
  if (!parsed.ok) return { ok: false, diagnosis: parsed.diagnosis, grpcCode: null, errorId: null, call: record(response.status, null) };
  if (response.status !== 200) {
    const error = grpcErrorSchema.safeParse(parsed.json);
    const body = error.success ? error.data : undefined;
    const context = { ...connection.refusal, permission: spec.permission, doing: spec.doing };
    const errorId = errorIdOf(body);
    const diagnosis = diagnoseManagementError(response.status, body, context);
    return { ok: false, diagnosis, grpcCode: body?.code ?? null, errorId, call: record(response.status, errorId) };
  }
  const data = spec.schema.safeParse(parsed.json);
  if (!data.success) {
    const diagnosis = makeDiagnosis("bad_response", { httpStatus: response.status });
    return { ok: false, diagnosis, grpcCode: null, errorId: null, call: record(response.status, null) };
  }
  return { ok: true, data: data.data, call: record(response.status, null) };
}

export function mapped<A, B>(result: ManagementResult<A>, map: (data: A) => B): ManagementResult<B> {
  return result.ok ? { ok: true, data: map(result.data), call: result.call } : result;
}

const users = `${MANAGEMENT_PATH}/users`;
const members = `${MANAGEMENT_PATH}/orgs/me/members`;

export async function createMachineUser(
  connection: ManagementConnection,
  user: { userName: string; name: string; description: string; accessTokenType: "bearer" | "jwt" },
): Promise<ManagementResult<{ userId: string }>> {
  const body = {
    userName: user.userName,
    name: user.name,
    description: user.description,
    accessTokenType: user.accessTokenType === "jwt" ? "ACCESS_TOKEN_TYPE_JWT" : "ACCESS_TOKEN_TYPE_BEARER",
  };
  const result = await call(connection, {
    method: "POST",
    path: `${users}/machine`,
    body,
    schema: addMachineUserSchema,
    permission: "user.write",
    doing: "create the service user",
  });
  return mapped(result, (data) => ({ userId: data.userId }));
}

export async function findUserByLoginName(connection: ManagementConnection, loginName: string): Promise<ManagementResult<MachineUser>> {
  const result = await call(connection, {
    method: "GET",
    path: `${MANAGEMENT_PATH}/global/users/_by_login_name`,
    query: { loginName },
    schema: machineUserSchema,
    permission: "user.read",
    doing: "find the service user",
  });
  return mapped(result, (data) => toMachineUser(data.user));
}

export async function getUser(connection: ManagementConnection, userId: string): Promise<ManagementResult<MachineUser>> {
  const result = await call(connection, {
    method: "GET",
    path: `${users}/${encodeURIComponent(userId)}`,
    schema: machineUserSchema,
    permission: "user.read",
    doing: "read the service user",
  });
  return mapped(result, (data) => toMachineUser(data.user));
}

/** Replaces the user's secret at once: the old one stops working. The answer holds the new plaintext. */
export async function generateSecret(
  connection: ManagementConnection,
  userId: string,
): Promise<ManagementResult<{ clientId: string; clientSecret: string }>> {
  const result = await call(connection, {
    method: "PUT",
    path: `${users}/${encodeURIComponent(userId)}/secret`,
    body: {},
    schema: machineSecretSchema,
    permission: "user.write",
    doing: "generate a client secret",
  });
  return mapped(result, (data) => ({ clientId: data.clientId, clientSecret: data.clientSecret }));
}

export function addOrgMember(connection: ManagementConnection, userId: string, roles: string[]): Promise<ManagementResult<unknown>> {
  return call(connection, {
    method: "POST",
    path: members,
    body: { userId, roles },
    schema: changedSchema,
    permission: "org.member.write",
    doing: "grant the service user a manager role",
  });
}

export function updateOrgMember(connection: ManagementConnection, userId: string, roles: string[]): Promise<ManagementResult<unknown>> {
  return call(connection, {
    method: "PUT",
    path: `${members}/${encodeURIComponent(userId)}`,
    body: { roles },
    schema: changedSchema,
    permission: "org.member.write",
    doing: "change the service user's manager roles",
  });
}

/** The roles the user holds as a member of the org context; an empty list when it is no member. */
export async function getMemberRoles(connection: ManagementConnection, userId: string): Promise<ManagementResult<string[]>> {
  const result = await call(connection, {
    method: "POST",
    path: `${members}/_search`,
    body: { queries: [{ userIdQuery: { userId } }] },
    schema: memberSearchSchema,
    permission: "org.member.read",
    doing: "read the service user's manager roles",
  });
  return mapped(result, (data) => data.result?.find((member) => member.userId === userId)?.roles ?? []);
}

export function reactivateUser(connection: ManagementConnection, userId: string): Promise<ManagementResult<unknown>> {
  return call(connection, {
    method: "POST",
    path: `${users}/${encodeURIComponent(userId)}/_reactivate`,
    body: {},
    schema: changedSchema,
    permission: "user.write",
    doing: "reactivate the service user",
  });
}

/** The orgs the caller may read (ZITADEL's v2 organization search). */
export async function searchOrgs(connection: ManagementConnection): Promise<ManagementResult<ZitadelOrg[]>> {
  const result = await call(connection, {
    method: "POST",
    path: ORG_SEARCH_PATH,
    body: {},
    schema: orgSearchSchema,
    permission: "org.read",
    doing: "list the organizations",
  });
  return mapped(result, (data) =>
    (data.result ?? []).map((org) => ({ id: org.id, name: org.name ?? org.id, primaryDomain: org.primaryDomain ?? "" })),
  );
}

/** The caller's own org (orgs/me): what an authority that may not search orgs can still name. */
export async function getOwnOrg(connection: ManagementConnection): Promise<ManagementResult<ZitadelOrg>> {
  const result = await call(connection, {
    method: "GET",
    path: ORGS_ME_PATH,
    schema: orgsMeSchema,
    permission: "org.read",
    doing: "read its own organization",
  });
  return mapped(result, ({ org }) => ({ id: org.id, name: org.name ?? org.id, primaryDomain: org.primaryDomain ?? "" }));
}

function toMachineUser(user: MachineUserWire): MachineUser {
  return {
    id: user.id,
    userName: user.userName ?? user.preferredLoginName ?? user.id,
    orgId: user.details?.resourceOwner ?? null,
    // protojson omits zero values, but USER_STATE_UNSPECIFIED (0) is never a real user's state.
    isActive: user.state === "USER_STATE_ACTIVE",
    state: user.state ?? null,
    isMachine: user.machine !== undefined,
    hasSecret: user.machine?.hasSecret ?? false,
  };
}
