import type { CheckedStatus, LastKnownOrg } from "@/lib/schemas/health";

// The status rule, one pure function: the store applies it inside the write that records a check, and the
// migration replays old test runs through it. Status comes from the latest token result AND the latest org result
// together, so a token test that passes after orgs/me failed still leaves org_fails: the org part is still failing.

/**
 * What one check found. `token` is "ok" or the diagnosis code; `org` only when the check reached orgs/me.
 * `issuerUnavailable` (the diagnosis code) when the issuer itself did not answer usefully: the check found nothing
 * about the credential, so its token and org results stay as they were.
 */
export type HealthInput = CredentialResult | { issuerUnavailable: string };

export interface CredentialResult {
  token: string;
  org?: { ok: true; id: string; name: string } | { ok: false; code: string };
}

export interface HealthState {
  token: string | null; // "ok" or a diagnosis code; null: never tested
  org: string | null; // "ok" or a diagnosis code; null: orgs/me never reached
  status: CheckedStatus | null;
  code: string | null; // the diagnosis behind a failing status
  since: string | null;
  checkedAt: string | null;
  lastOrg: LastKnownOrg | null;
}

/**
 * Leaving an outage, `from` is the credential's own status before it (null when it had none): "working → issuer
 * unavailable → working" is no change of the credential, and "working → … → token fails" is one.
 */
export interface HealthChange {
  from: CheckedStatus | null;
  to: CheckedStatus;
}

export function nextHealth(
  previous: HealthState | null,
  input: HealthInput,
  at: string,
): { state: HealthState; change: HealthChange | null } {
  if ("issuerUnavailable" in input) return issuerUnavailable(previous, input.issuerUnavailable, at);
  const token = input.token;
  const org = input.org ? (input.org.ok ? "ok" : input.org.code) : (previous?.org ?? null);
  const [status, code] = statusOf(token, org);
  const was = previous?.status ?? null;
  const state: HealthState = {
    token,
    org,
    status,
    code,
    // Since the first check that gave this status; a repeat of the same status keeps it.
    since: was === status ? (previous?.since ?? at) : at,
    checkedAt: at,
    lastOrg: input.org?.ok ? { id: input.org.id, name: input.org.name, at } : (previous?.lastOrg ?? null),
  };
  const from = was === "issuer_unavailable" ? ownStatus(previous) : was;
  return { state, change: from === status ? null : { from, to: status } };
}

function statusOf(token: string, org: string | null): [CheckedStatus, string | null] {
  if (token !== "ok") return ["token_fails", token];
  return org !== null && org !== "ok" ? ["org_fails", org] : ["working", null];
}

/** What the credential's own results said before the issuer became unavailable. */
function ownStatus(state: HealthState | null): CheckedStatus | null {
  return state?.token ? statusOf(state.token, state.org)[0] : null;
}

function issuerUnavailable(previous: HealthState | null, code: string, at: string): { state: HealthState; change: HealthChange | null } {
  const from = previous?.status ?? null;
  const status = "issuer_unavailable";
  const state: HealthState = {
    token: previous?.token ?? null,
    org: previous?.org ?? null,
    status,
    code,
    since: from === status ? (previous?.since ?? at) : at,
    checkedAt: at,
    lastOrg: previous?.lastOrg ?? null,
  };
  return { state, change: from === status ? null : { from, to: status } };
}
