import type { CheckedStatus } from "@/lib/schemas/health";

// Which changes page someone: a credential that starts failing, fails differently, or works again. A first check
// that works is no news; a first check that fails is (someone registered a credential that does not work). An
// unavailable issuer is news about the issuer, not the credential: its own alert says so once for all its credentials.

export function isAlertWorthy(from: CheckedStatus | null, to: CheckedStatus): boolean {
  if (from === to || to === "issuer_unavailable" || from === "issuer_unavailable") return false;
  if (from === null) return to !== "working";
  return true;
}
