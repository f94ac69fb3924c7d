import "server-only";
import { ApiError } from "@/lib/api-error";
import { hasAccess, roleLabels, type Access } from "@/lib/schemas/roles";
import { auditedPath, recordAnonymousRefusal, recordAuditSafely } from "@/lib/server/audit";
import { authenticate, type Caller, type Operator } from "@/lib/server/auth";
import { checkOrigin, isSafeMethod } from "./request";

// Who may pass: a live session (with a same-origin write) or a valid bearer token, and the role the route declares.
// Every refusal is audited; those of nobody known, which anyone can send, are sampled per source and minute.

interface Attempt {
  request: Request;
  requestId: string;
  ip: string | null;
}

export async function admit(access: Access, attempt: Attempt): Promise<Operator> {
  const { operator, via, isDisabled } = await identify(attempt);
  if (!operator) {
    await recordAnonymousDenial(attempt, 401, "no_session");
    throw new ApiError("unauthorized", "Sign in to use M2M Console.");
  }
  if (isDisabled) {
    await recordDenial(attempt, operator, 403, { reason: "disabled" });
    throw new ApiError("forbidden", "An admin has disabled this service user in M2M Console.", {
      hint: "Ask an admin to enable it again on the Operators page.",
    });
  }
  if (via === "cookie" && !isSafeMethod(attempt.request.method)) {
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

// A refused bearer token (expired, foreign, both credentials) counts as a refusal of nobody known.
async function identify(attempt: Attempt): Promise<Caller> {
  try {
    return await authenticate(attempt.request);
  } catch (error) {
    if (error instanceof ApiError && error.status < 500) await recordAnonymousDenial(attempt, error.status, "bad_token");
    throw error;
  }
}

function forbidden(access: Access, operator: Operator): ApiError {
  const needed = access === "signed-in" ? "" : roleLabels[access].toLowerCase();
  if (operator.kind === "machine") {
    const had = operator.role ? `It has the ${roleLabels[operator.role].toLowerCase()} role.` : "It has no role in M2M Console.";
    return new ApiError("forbidden", `This needs the ${needed} role.`, {
      hint: `${had} Grant the service user the ${needed} role on the console's project in ZITADEL.`,
    });
  }
  const had = operator.role ? `You are signed in as ${roleLabels[operator.role].toLowerCase()}.` : "You have no role in M2M Console yet.";
  return new ApiError("forbidden", `This needs the ${needed} role.`, { hint: `${had} Ask an admin for the ${needed} role.` });
}

function recordAnonymousDenial(attempt: Attempt, httpStatus: number, reason: string): Promise<void> {
  return recordAnonymousRefusal({
    action: "access.denied",
    requestId: attempt.requestId,
    ip: attempt.ip,
    facts: { outcome: "denied", httpStatus, detail: { reason, method: attempt.request.method, path: auditedPath(attempt.request.url) } },
  });
}

function recordDenial(attempt: Attempt, operator: Operator, httpStatus: number, detail: Record<string, unknown>): Promise<void> {
  return recordAuditSafely({ operator, requestId: attempt.requestId, ip: attempt.ip }, "access.denied", {
    outcome: "denied",
    httpStatus,
    detail: { ...detail, method: attempt.request.method, path: auditedPath(attempt.request.url) },
  });
}
