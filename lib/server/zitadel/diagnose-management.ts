import "server-only";
import type { Diagnosis } from "@/lib/schemas/diagnostics";
import { AUTH_HEADER_REWRITTEN, makeDiagnosis, type DiagnosisOptions } from "./diagnose";
import type { GrpcError } from "./wire";

// A Management API refusal as a diagnosis that names who lacked what where, matched on ZITADEL's error id and gRPC
// code (the message is translated). Upstream text only as the cleaned id and description.

/** Who acted and what the call needed, to say the refusal in words. */
export interface RefusalContext {
  /** "Ada Admin (your own ZITADEL account)" or "provisioner ops-admin". */
  who: string;
  /** The operator's own token: a rejected token then means "sign in again". */
  isOperator: boolean;
  /** The permission the call needs, e.g. "user.write". */
  permission: string;
  /** What the call does, e.g. "create the service user". */
  doing: string;
  /** The organization the call acted in, by name when known. */
  org: string | null;
}

const GRPC_ALREADY_EXISTS = 6;
const GRPC_NOT_FOUND = 5;
const GRPC_INVALID_ARGUMENT = 3;
const GRPC_FAILED_PRECONDITION = 9;
// GenerateMachineSecret reads the user first and finds it in another org than the request's.
const USER_OF_OTHER_ORG = "MANAG-fpo4B";

export function errorIdOf(body: GrpcError | undefined): string | null {
  if (!body) return null;
  const first = body.details?.[0]?.id;
  if (first) return first;
  return /\(([A-Z]+-[A-Za-z0-9]+)\)\s*$/.exec(body.message ?? "")?.[1] ?? null;
}

export function diagnoseManagementError(status: number, body: GrpcError | undefined, context: RefusalContext): Diagnosis {
  const id = errorIdOf(body);
  const options: DiagnosisOptions = {
    httpStatus: status,
    ...(body ? { upstreamError: { error: id ?? `code ${body.code}`, description: body.message } } : {}),
  };
  const where = context.org ? `in the organization ${context.org}` : "in this organization";
  if (id === "AUTH-toLo1") return makeDiagnosis("token_invalid", { ...options, explanation: AUTH_HEADER_REWRITTEN });
  if (id === "AUTH-7fs1e" || status === 401) {
    if (context.isOperator) return makeDiagnosis("provisioning_token_expired", options);
    return makeDiagnosis("token_invalid", {
      ...options,
      explanation: `ZITADEL did not accept the token of ${context.who} (AUTH-7fs1e): the provisioner's token lacks the ZITADEL API audience, expired, or its user was deactivated.`,
    });
  }
  if (id === "AUTH-5mWD2" || status === 403) {
    if (id === "AUTH-Bs7Ds") return makeDiagnosis("org_not_found", options);
    return makeDiagnosis("provisioning_forbidden", {
      ...options,
      explanation: `${context.who} lacks ZITADEL's ${context.permission} permission ${where}, so ZITADEL refused to ${context.doing} (AUTH-5mWD2).`,
    });
  }
  if (body?.code === GRPC_ALREADY_EXISTS || status === 409) return makeDiagnosis("user_exists", options);
  if (id === USER_OF_OTHER_ORG) {
    return makeDiagnosis("user_not_found", {
      ...options,
      explanation: `User not found in this organization: ZITADEL looks for the user only ${where} (the organization of the request), and it belongs to another one, so it would not ${context.doing} (${id}).`,
    });
  }
  if (body?.code === GRPC_NOT_FOUND || status === 404) return makeDiagnosis("user_not_found", options);
  if (status === 429) return makeDiagnosis("rate_limited", options);
  if (status >= 500) return makeDiagnosis("server_error", options);
  if (body?.code === GRPC_INVALID_ARGUMENT || body?.code === GRPC_FAILED_PRECONDITION) {
    return makeDiagnosis("request_rejected", {
      ...options,
      explanation: `ZITADEL rejected the request to ${context.doing} as invalid (HTTP ${status}${id ? `, ${id}` : ""}).`,
    });
  }
  return makeDiagnosis("unknown", options);
}
