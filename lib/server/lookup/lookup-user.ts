import "server-only";
import { ApiError } from "@/lib/api-error";
import type { CredentialListItem } from "@/lib/schemas/credential";
import type { LookedUpUser, UserLookupRequest, UserLookupResult } from "@/lib/schemas/lookup";
import type { Authority, AuthorityRef } from "@/lib/schemas/provisioning";
import { roleRank } from "@/lib/schemas/roles";
import { recordAudit } from "@/lib/server/audit";
import { listCredentials } from "@/lib/server/credentials/list-credentials";
import { limitLookups } from "@/lib/server/limits";
import { listAuthorities, resolveAuthority, signInIssuer } from "@/lib/server/provisioning/authorities";
import type { RequestContext } from "@/lib/server/request-context";
import { diagnoseLookedUpUser } from "./diagnose-user";
import { findUser, readUser } from "./read-user";

// A client ID, login name or numeric user ID support was given: ZITADEL's answer about that user (read with the
// operator's own ZITADEL authority or the issuer's provisioner, as provisioning chooses), what is wrong with it, and
// the credentials this console holds for it. Viewers get the console's part only.

const VIEWER_NOTE =
  "Viewers see the credentials registered here. Reading the user in ZITADEL takes an operator with a ZITADEL manager role of their own, or an admin with a provisioner.";

export async function lookupUser(context: RequestContext, input: UserLookupRequest): Promise<UserLookupResult> {
  const query = input.query;
  const queryKind = /^\d+$/.test(query) ? ("user_id" as const) : ("login_name" as const);
  await limitLookups(context);
  const base = { query, queryKind, authority: null, problem: null, user: null, findings: [] };

  if (roleRank(context.operator.role) < roleRank("operator")) {
    const credentials = await registeredFor(null, queryKind === "user_id" ? { userId: query } : { loginName: query });
    return audited(context, { ...base, issuer: null, authorities: [], outcome: "not_asked", note: VIEWER_NOTE, credentials });
  }

  const authorities = await choices(context);
  const chosen = pick(authorities, input.authority);
  if (!chosen?.available) {
    const note = chosen?.reason ?? "No ZITADEL authority is available: sign in again, or ask an admin to register a provisioner.";
    const credentials = await registeredFor(null, queryKind === "user_id" ? { userId: query } : { loginName: query });
    return audited(context, { ...base, issuer: chosen?.issuer ?? null, authorities, outcome: "not_asked", note, credentials });
  }

  const ref: AuthorityRef =
    chosen.kind === "operator" ? { kind: "operator" } : { kind: "provisioner", credentialId: chosen.credentialId ?? "" };
  const authority = await resolveAuthority(context, ref, chosen.issuer);
  const found = await findUser(context, authority, query, queryKind);
  const asked = { ...base, issuer: chosen.issuer, authority: chosen, authorities };
  if (!found.ok) {
    const credentials = await registeredFor(chosen.issuer, queryKind === "user_id" ? { userId: query } : { loginName: query });
    return audited(context, { ...asked, outcome: found.outcome, note: found.note, problem: found.diagnosis, credentials });
  }

  const user: LookedUpUser = await readUser(context, authority, found.user);
  const credentials = await registeredFor(chosen.issuer, { loginName: user.loginName, userId: user.id });
  const findings = diagnoseLookedUpUser(user);
  return audited(context, { ...asked, outcome: "found", note: null, user, findings, credentials });
}

/** Admins choose among every authority; an operator may use only their own ZITADEL account. */
async function choices(context: RequestContext): Promise<Authority[]> {
  if (context.operator.role === "admin") return listAuthorities(context);
  return (await listAuthorities(context, signInIssuer())).filter((authority) => authority.kind === "operator");
}

function pick(authorities: readonly Authority[], wanted: AuthorityRef | undefined): Authority | undefined {
  if (!wanted) return authorities.find((authority) => authority.available) ?? authorities[0];
  const match = authorities.find(
    (authority) => authority.kind === wanted.kind && (wanted.kind === "operator" || authority.credentialId === wanted.credentialId),
  );
  if (!match) throw new ApiError("forbidden", "You cannot look users up with this authority.", { hint: "Choose one of those offered." });
  return match;
}

/** The registered credentials that sign in as this user: by client ID or login name, or by a key's or PAT's user id. */
async function registeredFor(issuer: string | null, who: { loginName?: string; userId?: string }): Promise<CredentialListItem[]> {
  const terms = [who.loginName, who.userId].filter((term): term is string => !!term);
  const pages = await Promise.all(terms.map((search) => listCredentials({ search, limit: 50, ...(issuer ? { issuer } : {}) })));
  const matches = pages
    .flatMap((page) => page.items)
    .filter(
      (item) =>
        (who.loginName !== undefined && (item.clientId === who.loginName || item.serviceUser === who.loginName)) ||
        (who.userId !== undefined && item.key?.userId === who.userId),
    );
  return [...new Map(matches.map((item) => [item.id, item])).values()];
}

async function audited(context: RequestContext, result: UserLookupResult): Promise<UserLookupResult> {
  await recordAudit(context, "user.lookup", {
    outcome: result.outcome === "found" ? "success" : "failure",
    detail: {
      query: result.query,
      queryKind: result.queryKind,
      outcome: result.outcome,
      ...(result.issuer ? { issuer: result.issuer } : {}),
      ...(result.authority ? { authority: result.authority.kind } : {}),
      ...(result.user ? { userId: result.user.id } : {}),
      findings: result.findings.map((finding) => finding.code),
    },
  });
  return result;
}
