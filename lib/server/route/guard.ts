import "server-only";
import { ApiError } from "@/lib/api-error";
import { hasAccess, roleLabels, type Access } from "@/lib/schemas/roles";
import { auditedPath, recordAnonymousRefusal, recordAuditSafely } from "@/lib/server/audit";
import type { Operator } from "@/lib/server/auth";
import { checkOrigin, isSafeMethod } from "./request";

// Who may pass: a live session, a same-origin write, and the role the route declares. Every refusal is audited;
// those without a session, which anyone can send, are sampled per source and minute.

interface Attempt {
  request: Request;
  requestId: string;
  ip: string | null;
}

export async function admit(operator: Operator | null, access: Access, attempt: Attempt): Promise<Operator> {
  if (!operator) {
    await recordAnonymousRefusal({
      action: "access.denied",
      requestId: attempt.requestId,
      ip: attempt.ip,
      facts: {
        outcome: "denied",
        httpStatus: 401,
        detail: { reason: "no_session", method: attempt.request.method, path: auditedPath(attempt.request.url) },
      },
    });
    throw new ApiError("unauthorized", "Sign in to use M2M Console.");
  }
  if (!isSafeMethod(attempt.request.method)) {
    try {
      checkOrigin(attempt.request);
    } catch (error) {
      await recordDenial(attempt, operator, 403, { reason: "bad_origin" });
      throw error;
    }
  }
  if (!hasAccess(operator.role, access)) {
    await recordDenial(attempt, operator, 403, { reason: "role", needed: access, had: operator.role });
    throw forbidden(access, operator);
  }
  return operator;
}

function forbidden(access: Access, operator: Operator): ApiError {
  const needed = access === "signed-in" ? "" : roleLabels[access].toLowerCase();
  const had = operator.role ? `You are signed in as ${roleLabels[operator.role].toLowerCase()}.` : "You have no role in M2M Console yet.";
  return new ApiError("forbidden", `This needs the ${needed} role.`, { hint: `${had} Ask an admin for the ${needed} role.` });
}

function recordDenial(attempt: Attempt, operator: Operator, httpStatus: number, detail: Record<string, unknown>): Promise<void> {
  return recordAuditSafely({ operator, requestId: attempt.requestId, ip: attempt.ip }, "access.denied", {
    outcome: "denied",
    httpStatus,
    detail: { ...detail, method: attempt.request.method, path: auditedPath(attempt.request.url) },
  });
}
