import type { CheckedStatus, LastKnownOrg } from "@/lib/schemas/health";

// The status rule, one pure function: the store applies it inside the write that records a check, and the
// migration replays old test runs through it. Status comes from the latest token result AND the latest org result
// together, so a token test that passes after orgs/me failed still leaves org_fails: the org part is still failing.

/** What one check found. `token` is "ok" or the diagnosis code; `org` only when the check reached orgs/me. */
export interface HealthInput {
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

export interface HealthChange {
  from: CheckedStatus | null;
  to: CheckedStatus;
}

export function nextHealth(
  previous: HealthState | null,
  input: HealthInput,
  at: string,
): { state: HealthState; change: HealthChange | null } {
  const token = input.token;
  const org = input.org ? (input.org.ok ? "ok" : input.org.code) : (previous?.org ?? null);
  const [status, code]: [CheckedStatus, string | null] =
    token !== "ok" ? ["token_fails", token] : org !== null && org !== "ok" ? ["org_fails", org] : ["working", null];
  const from = previous?.status ?? null;
  const state: HealthState = {
    token,
    org,
    status,
    code,
    // Since the first check that gave this status; a repeat of the same status keeps it.
    since: from === status ? (previous?.since ?? at) : at,
    checkedAt: at,
    lastOrg: input.org?.ok ? { id: input.org.id, name: input.org.name, at } : (previous?.lastOrg ?? null),
  };
  return { state, change: from === status ? null : { from, to: status } };
}
