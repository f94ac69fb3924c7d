import "server-only";
import type { Diagnosis } from "@/lib/schemas/diagnostics";
import { recordAuditSafely, type AuditTarget } from "@/lib/server/audit";
import { withIssuerSlot } from "@/lib/server/limits";
import { IssuerBusyError } from "@/lib/server/limits/issuer-slots";
import type { RequestContext } from "@/lib/server/request-context";
import { makeDiagnosis, type ManagementConnection, type ManagementResult } from "@/lib/server/zitadel";
import type { ResolvedAuthority } from "./authorities";

// Every Management API call goes through here: the authority's token, a slot of the issuer's concurrency cap, and
// one `zitadel.call` audit row (who, as which authority, method, path, status, ZITADEL's error id; never a secret).

export type CallOutcome<T> = { ok: true; data: T } | { ok: false; diagnosis: Diagnosis; grpcCode: number | null };

export interface CallScope {
  authority: ResolvedAuthority;
  /** The org context (x-zitadel-orgid) and its name for refusals. */
  orgId: string | null;
  orgName?: string | null;
  /** The registered credential the call is about, when there is one. */
  target?: AuditTarget | null;
}

export async function callZitadel<T>(
  context: RequestContext,
  scope: CallScope,
  run: (connection: ManagementConnection) => Promise<ManagementResult<T>>,
): Promise<CallOutcome<T>> {
  const { authority } = scope;
  let result: ManagementResult<T>;
  try {
    // A provisioner's token exchange takes its own slot of the issuer's cap; the call then takes one.
    const token = await authority.token();
    if (!token.ok) return { ok: false, diagnosis: token.diagnosis, grpcCode: null };
    const connection: ManagementConnection = {
      issuer: authority.issuer,
      accessToken: token.accessToken,
      orgId: scope.orgId,
      refusal: { who: authority.who, isOperator: authority.kind === "operator", org: scope.orgName ?? scope.orgId },
    };
    result = await withIssuerSlot(authority.issuer, () => run(connection));
  } catch (error) {
    if (!(error instanceof IssuerBusyError)) throw error;
    await recordAuditSafely(context, "access.rate_limited", {
      target: scope.target,
      outcome: "denied",
      httpStatus: 429,
      detail: { limit: `${error.scope}_concurrency`, issuer: authority.issuer },
    });
    const where = error.scope === "issuer" ? "this ZITADEL instance" : "ZITADEL";
    const explanation = `Too many calls to ${where} are in progress from the console; nothing was sent.`;
    return { ok: false, diagnosis: makeDiagnosis("rate_limited", { explanation, retryable: true }), grpcCode: null };
  }
  await recordAuditSafely(context, "zitadel.call", {
    target: scope.target,
    outcome: result.ok ? "success" : "failure",
    httpStatus: result.call.httpStatus,
    detail: {
      issuer: authority.issuer,
      authority: authority.kind,
      ...(authority.credentialId ? { authorityCredentialId: authority.credentialId } : {}),
      method: result.call.method,
      path: result.call.path,
      ...(scope.orgId ? { orgId: scope.orgId } : {}),
      ...(result.call.errorId ? { errorId: result.call.errorId } : {}),
      ...(result.ok ? {} : { diagnosis: result.diagnosis.code }),
    },
  });
  return result.ok ? { ok: true, data: result.data } : { ok: false, diagnosis: result.diagnosis, grpcCode: result.grpcCode };
}
