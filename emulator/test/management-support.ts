import { call, type Answer } from "./support";

// Management API requests as the console's provisioning makes them: JSON, a Bearer token, an optional org context.

export interface ManagementRequest {
  method?: "GET" | "POST" | "PUT" | "DELETE";
  token?: string;
  orgId?: string;
  body?: unknown;
}

export function management(base: string, path: string, { method = "GET", token, orgId, body }: ManagementRequest = {}): Promise<Answer> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  if (orgId !== undefined) headers["x-zitadel-orgid"] = orgId;
  if (body !== undefined) headers["content-type"] = "application/json";
  return call(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

/** google.rpc.Status with ZITADEL's ErrorDetail, as the gateway writes it. */
export function grpcBody(code: number, id: string, message: string): string {
  return JSON.stringify({
    code,
    message: `${message} (${id})`,
    details: [{ "@type": "type.googleapis.com/zitadel.v1.ErrorDetail", id, message }],
  });
}

export const NO_PERMISSION = grpcBody(7, "AUTH-5mWD2", "No matching permissions found");
export const TOKEN_INVALID = grpcBody(16, "AUTH-7fs1e", "Errors.Token.Invalid");
export const ORG_MISSING = grpcBody(7, "AUTH-Bs7Ds", "Organisation doesn't exist");

export function json(answer: Answer): Record<string, unknown> {
  return JSON.parse(answer.text) as Record<string, unknown>;
}
