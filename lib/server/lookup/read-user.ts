import "server-only";
import type { Diagnosis } from "@/lib/schemas/diagnostics";
import type { LookedUpUser } from "@/lib/schemas/lookup";
import type { ResolvedAuthority } from "@/lib/server/provisioning/authorities";
import { callZitadel, type CallOutcome } from "@/lib/server/provisioning/call-zitadel";
import type { RequestContext } from "@/lib/server/request-context";
import {
  findUserByLoginName,
  getOwnOrg,
  getUser,
  listUserGrants,
  listUserKeys,
  listUserMemberships,
  listUserPats,
  searchOrgs,
  type MachineUser,
} from "@/lib/server/zitadel";

// The Management API reads behind a user lookup, each through callZitadel (the authority's token, the issuer's
// concurrency cap, one zitadel.call audit row). Sequential: a handful of fast reads, and the cap stays for others.

const NOT_FOUND_NOTE =
  "Not found, or you cannot read its organization: ZITADEL answers the same for both. Finding a login name across the instance takes user.global.read; reading a user by id takes user.read in its organization (Org Owner, Org Owner Viewer or Org User Manager there).";

export type FoundUser =
  { ok: true; user: MachineUser } | { ok: false; outcome: "not_found" | "failed"; note: string | null; diagnosis: Diagnosis | null };

export async function findUser(
  context: RequestContext,
  authority: ResolvedAuthority,
  query: string,
  kind: "user_id" | "login_name",
): Promise<FoundUser> {
  if (kind === "login_name") return settle(await callZitadel(context, { authority, orgId: null }, (c) => findUserByLoginName(c, query)));
  // By id ZITADEL reads only in the org of the request: the authority's own org first, then every org it may read.
  const own = await callZitadel(context, { authority, orgId: null }, (c) => getUser(c, query));
  if (own.ok || !isNotFound(own)) return settle(own);
  const orgs = await callZitadel(context, { authority, orgId: null }, searchOrgs);
  for (const org of orgs.ok ? orgs.data : []) {
    const there = await callZitadel(context, { authority, orgId: org.id, orgName: org.name }, (c) => getUser(c, query));
    if (there.ok) return settle(there);
  }
  return settle(own);
}

function isNotFound(outcome: Extract<CallOutcome<unknown>, { ok: false }>): boolean {
  return outcome.grpcCode === 5 || outcome.diagnosis.code === "user_not_found";
}

function settle(outcome: CallOutcome<MachineUser>): FoundUser {
  if (outcome.ok) return { ok: true, user: outcome.data };
  if (isNotFound(outcome) || outcome.grpcCode === 7)
    return { ok: false, outcome: "not_found", note: NOT_FOUND_NOTE, diagnosis: outcome.diagnosis };
  return { ok: false, outcome: "failed", note: null, diagnosis: outcome.diagnosis };
}

/** Everything else about a found user, in its own org; a list ZITADEL refuses is null, with why. */
export async function readUser(context: RequestContext, authority: ResolvedAuthority, user: MachineUser): Promise<LookedUpUser> {
  const scope = { authority, orgId: user.orgId };
  const unread: LookedUpUser["unread"] = [];
  const read = async <T>(what: string, outcome: Promise<CallOutcome<T>>): Promise<T | null> => {
    const answer = await outcome;
    if (answer.ok) return answer.data;
    unread.push({ what, diagnosis: answer.diagnosis });
    return null;
  };
  const org = await read("its organization", callZitadel(context, scope, getOwnOrg));
  const named = { ...scope, orgName: org?.name ?? null };
  const keys = await read(
    "its keys",
    callZitadel(context, named, (c) => listUserKeys(c, user.id)),
  );
  const pats = await read(
    "its personal access tokens",
    callZitadel(context, named, (c) => listUserPats(c, user.id)),
  );
  const memberships = await read(
    "its manager roles",
    callZitadel(context, named, (c) => listUserMemberships(c, user.id)),
  );
  const grants = await read(
    "its grants on projects",
    callZitadel(context, named, (c) => listUserGrants(c, user.id)),
  );
  return {
    id: user.id,
    loginName: user.userName,
    state: stateOf(user.state),
    isMachine: user.isMachine,
    hasSecret: user.hasSecret,
    org,
    keys,
    pats,
    memberships,
    grants,
    unread,
  };
}

function stateOf(state: string | null): LookedUpUser["state"] {
  if (state === "USER_STATE_ACTIVE") return "active";
  if (state === "USER_STATE_INACTIVE") return "inactive";
  if (state === "USER_STATE_LOCKED") return "locked";
  return "other";
}
