import type { Diagnosis, DiagnosisCode } from "@/lib/schemas/diagnostics";

// Which diagnoses say the issuer itself is in trouble (down, overloaded, a proxy in front of it answering for it, an
// answer that stalled or broke off) rather than anything about the credential: every credential of that issuer would
// get the same answer, so none of them is shown as failing for it.

const ISSUER_TROUBLE: ReadonlySet<DiagnosisCode> = new Set([
  "server_error",
  "refused",
  "timeout",
  "network",
  "closed_before_answer",
  "answer_interrupted",
]);

export function isIssuerUnavailable(diagnosis: Pick<Diagnosis, "code" | "httpStatus">): boolean {
  if (ISSUER_TROUBLE.has(diagnosis.code)) return true;
  // A proxy's HTML error page: a 5xx means ZITADEL behind it is down; a 4xx page is a wrong host or path, a setting.
  return diagnosis.code === "not_json" && (diagnosis.httpStatus ?? 0) >= 500;
}
