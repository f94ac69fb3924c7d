import "server-only";
import { getEnv } from "@/lib/env";
import type { Diagnosis } from "@/lib/schemas/diagnostics";

// "Did not answer in time" alone leaves the operator guessing which call and how long it waited: say both.

const CALLS = {
  token: "The token request to ZITADEL",
  org: "The organization request to ZITADEL (orgs/me)",
} as const;

export function nameTimeout(diagnosis: Diagnosis, call: keyof typeof CALLS): Diagnosis {
  if (diagnosis.code !== "timeout") return diagnosis;
  return { ...diagnosis, explanation: `${CALLS[call]} got no answer within ${formatDeadline(getEnv().UPSTREAM_TIMEOUT_MS)}.` };
}

function formatDeadline(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
