import type { CheckedStatus } from "@/lib/schemas/health";

// Which changes page someone: a credential that starts failing, fails differently, or works again. A first check
// that works is no news; a first check that fails is (someone registered a credential that does not work).

export function isAlertWorthy(from: CheckedStatus | null, to: CheckedStatus): boolean {
  if (from === to) return false;
  if (from === null) return to !== "working";
  return true;
}
