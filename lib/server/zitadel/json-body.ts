import "server-only";
import type { Diagnosis } from "@/lib/schemas/diagnostics";
import type { GuardedResponse } from "@/lib/server/http";
import { diagnoseUnexpectedBody, makeDiagnosis } from "./diagnose";

/** Content type, then JSON.parse: what is not JSON (proxy error pages, text) becomes a diagnosis, never an exception. */
export function parseJsonBody(response: GuardedResponse): { ok: true; json: unknown } | { ok: false; diagnosis: Diagnosis } {
  const { status, contentType, bodyText } = response;
  if (contentType !== "application/json") return { ok: false, diagnosis: diagnoseUnexpectedBody(status, contentType, bodyText) };
  try {
    return { ok: true, json: JSON.parse(bodyText) };
  } catch {
    return { ok: false, diagnosis: makeDiagnosis(status >= 500 ? "server_error" : "bad_response", { httpStatus: status }) };
  }
}
