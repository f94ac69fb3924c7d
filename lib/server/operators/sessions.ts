import "server-only";
import { createHash } from "node:crypto";
import { ApiError } from "@/lib/api-error";
import type { EndedSessions, OperatorSessionList } from "@/lib/schemas/roles";
import { auditEntry } from "@/lib/server/audit";
import type { RequestContext } from "@/lib/server/request-context";
import { getStore, type SessionRow } from "@/lib/server/store";

// An admin's view of an operator's open sessions, and ending them. A session is named by a handle derived from the
// stored hash of its id: the browser never sees the hash (nor, of course, the id in the cookie).

export async function listOperatorSessions(operatorId: string): Promise<OperatorSessionList> {
  const store = await getStore();
  await requireOperator(operatorId);
  const sessions = await store.operators.listLiveSessions(operatorId);
  return { items: sessions.map(({ idHash, createdAt, expiresAt }) => ({ id: sessionHandle(idHash), createdAt, expiresAt })) };
}

/** Ends every open session of the operator at once (each of their next requests answers 401). */
export async function endOperatorSessions(context: RequestContext, operatorId: string): Promise<EndedSessions> {
  const store = await getStore();
  await requireOperator(operatorId);
  const audit = auditEntry(context, "operator.sessions_end", { detail: { operatorId } });
  return { ended: await store.operators.revokeOperatorSessions(operatorId, audit) };
}

/** Ends one open session of the operator; 404 when it is not one of theirs or no longer open. */
export async function endOperatorSession(context: RequestContext, operatorId: string, handle: string): Promise<EndedSessions> {
  const store = await getStore();
  const session = (await store.operators.listLiveSessions(operatorId)).find((row) => sessionHandle(row.idHash) === handle);
  if (!session || !(await store.operators.revokeSession(session.idHash))) throw new ApiError("not_found", "No such open session.");
  await store.audit.append(auditEntry(context, "operator.sessions_end", { detail: { operatorId, session: handle, ended: 1 } }));
  return { ended: 1 };
}

function sessionHandle(idHash: SessionRow["idHash"]): string {
  return createHash("sha256").update(`session-handle:${idHash}`).digest("base64url").slice(0, 22);
}

async function requireOperator(operatorId: string): Promise<void> {
  if (!(await (await getStore()).operators.getOperator(operatorId))) throw new ApiError("not_found", "No such operator.");
}
