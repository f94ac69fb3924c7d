import "server-only";
import { formatDuration } from "@/lib/duration";
import { getEnv } from "@/lib/env";
import type { Diagnosis } from "@/lib/schemas/diagnostics";

// "Did not answer in time" alone leaves the operator guessing which call and how long it waited: say both.

const CALLS = {
  token: "The token request to ZITADEL",
  org: "The organization request to ZITADEL (orgs/me)",
} as const;

export function nameTimeout(diagnosis: Diagnosis, call: keyof typeof CALLS): Diagnosis {
  if (diagnosis.code !== "timeout") return diagnosis;
  return { ...diagnosis, explanation: `${CALLS[call]} got no answer within ${formatDuration(getEnv().UPSTREAM_TIMEOUT_MS)}.` };
}
