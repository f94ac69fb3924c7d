import "server-only";
import { ApiError } from "@/lib/api-error";
import type { Me, OperatorDto, OperatorList, UpdateOperator } from "@/lib/schemas/roles";
import { auditEntry } from "@/lib/server/audit";
import { effectiveRole } from "@/lib/server/auth";
import type { RequestContext } from "@/lib/server/request-context";
import { getStore, StoreNotFoundError, type OperatorRow } from "@/lib/server/store";

// The operators page: who has signed in, with which role from where, and an admin's cap or block on top of it.

export { endOperatorSession, endOperatorSessions, listOperatorSessions } from "./sessions";

export function describeMe(context: RequestContext): Me {
  const { id, name, login, email, role } = context.operator;
  return { id, name, login, email, role };
}

export async function listOperators(): Promise<OperatorList> {
  const store = await getStore();
  const [rows, sessions] = await Promise.all([store.operators.listOperators(), store.operators.countLiveSessions()]);
  return { items: rows.map((row) => toOperatorDto(row, sessions[row.id] ?? 0)) };
}

/** Lowers (caps) an operator's role or disables them, ending their sessions at once (store). Never one's own access. */
export async function updateOperator(context: RequestContext, id: string, input: UpdateOperator): Promise<OperatorDto> {
  if (id === context.operator.id) {
    throw new ApiError("conflict", "You cannot change your own access.", { hint: "Ask another admin, so the console always keeps one." });
  }
  const store = await getStore();
  const { version, ...patch } = input;
  try {
    const row = await store.operators.updateOperator(
      id,
      version,
      { ...patch, updatedBy: context.operator.name },
      auditEntry(context, "operator.update", { detail: { operatorId: id, ...patch } }),
    );
    return toOperatorDto(row, (await store.operators.listLiveSessions(id)).length);
  } catch (error) {
    if (error instanceof StoreNotFoundError) throw new ApiError("not_found", "No such operator.");
    throw error;
  }
}

function toOperatorDto(row: OperatorRow, liveSessions: number): OperatorDto {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    login: row.login,
    email: row.email,
    role: effectiveRole(row),
    signInRole: row.signInRole,
    roleSource: row.roleSource,
    roleCap: row.roleCap,
    isDisabled: row.isDisabled,
    lastSignInAt: row.lastSignInAt,
    org: row.org,
    lastSeenAt: row.lastSeenAt,
    updatedBy: row.updatedBy,
    version: row.version,
    liveSessions,
  };
}
