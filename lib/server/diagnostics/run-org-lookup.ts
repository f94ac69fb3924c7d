import "server-only";
import { getEnv } from "@/lib/env";
import type { OrgLookupTrigger } from "@/lib/schemas/audit";
import type { OrgLookupResult } from "@/lib/schemas/diagnostics";
import { requireCredentialRow } from "@/lib/server/credentials/get-credential";
import { limitTests, refuseWhenIssuerBusy, withIssuerSlot } from "@/lib/server/limits";
import { withRequestId, type RequestContext } from "@/lib/server/request-context";
import { getStore, type CredentialRow } from "@/lib/server/store";
import { describePat, lookupOrg, orgsMeCurl, orgsMeUrl, type LookupOrgResult } from "@/lib/server/zitadel";
import { nameTimeout } from "./name-timeout";
import { openPat } from "./pat";
import { recentLookup, rememberLookup } from "./recent-lookups";
import { recordRun, type RunRecord } from "./record";
import { serviceUserOf } from "./service-user";
import { getAccessToken, splitScopes, type TokenOutcome } from "./token-source";

// Org lookup: GET orgs/me with the credential's token (cached when possible). A cached token that ZITADEL
// calls invalid (AUTH-7fs1e: expired early, user changed) is dropped and the call is tried once with a fresh one.
// Rate-limited like a token test; each call to orgs/me takes a slot of the issuer's concurrency cap. A page's own
// lookup ("auto") reuses a result younger than LOOKUP_FRESH_SECONDS, and a live one stays out of the test history.

export interface RunOrgLookupInput {
  credentialId: string;
  /** "auto" when the credential page looked up on its own; recorded so the audit log can tell it from a click. */
  trigger?: OrgLookupTrigger;
  /** An item of a test-all run (one action, at most one running per operator): spends only the credential's budget. */
  partOfRun?: boolean;
  /** See RunRecord.holdAlert. */
  holdAlert?: RunRecord["holdAlert"];
}

export async function runOrgLookup(context: RequestContext, input: RunOrgLookupInput): Promise<OrgLookupResult> {
  const credential = await requireCredentialRow(input.credentialId);
  // A page's own lookup takes a recent answer again (and says how old): ZITADEL, the history and the log are spared.
  if (isPageLookup(input)) {
    const recent = recentLookup(credential, getEnv().LOOKUP_FRESH_SECONDS);
    if (recent) return { ...recent.result, reusedAgeSeconds: recent.ageSeconds };
  }
  await limitTests(context, credential, { perOperator: !input.partOfRun });
  const result =
    credential.kind === "pat" ? await runPatOrgLookup(context, credential, input) : await runLiveLookup(context, credential, input);
  rememberLookup(credential, result);
  return result;
}

/** The credential page's own lookup; a scheduled run's items are automatic too, but each is a check on record. */
function isPageLookup(input: RunOrgLookupInput): boolean {
  return input.trigger === "auto" && !input.partOfRun;
}

async function runLiveLookup(context: RequestContext, credential: CredentialRow, input: RunOrgLookupInput): Promise<OrgLookupResult> {
  const scopes = splitScopes(credential.scopes);
  const curl = orgsMeCurl(orgsMeUrl(credential.issuer), credential.orgId);
  const { token, lookup } = await refuseWhenIssuerBusy(context, credential, tokenAndLookup(credential, scopes));

  const checkedAt = new Date().toISOString();
  const tokenFields = { tokenCached: token.cached, ...(token.ok ? { tokenExpiresAt: token.expiresAt } : {}) };
  const diagnosis = lookup ? (lookup.ok ? undefined : nameTimeout(lookup.diagnosis, "org")) : token.result.diagnosis;
  const httpStatus = lookup ? lookup.httpStatus : token.result.httpStatus;
  const latencyMs = lookup ? lookup.latencyMs : token.result.latencyMs;
  const org = lookup?.ok ? lookup.org : undefined;

  await recordRun(context, {
    kind: "org",
    credential,
    diagnosis,
    httpStatus,
    latencyMs,
    cached: token.cached,
    serviceUser: lookup?.ok ? serviceUserOf(token.result.token) : null,
    orgId: org?.id ?? credential.orgId,
    orgName: org?.name ?? null,
    detail: {
      ...(lookup ? { attempts: lookup.attempts } : { stage: "token" }),
      trigger: input.trigger ?? "operator",
      kind: credential.kind,
    },
    holdAlert: input.holdAlert,
    isAutomatic: isPageLookup(input),
  });
  return {
    outcome: org ? "ok" : "failed",
    ...(org ? { org } : {}),
    ...(diagnosis ? { diagnosis: withRequestId(diagnosis, context) } : {}),
    latencyMs,
    ...tokenFields,
    checkedAt,
    curl,
  };
}

// A PAT is the Bearer token itself: no exchange, no token cache, no retry with a fresh token (there is none).
async function runPatOrgLookup(context: RequestContext, credential: CredentialRow, input: RunOrgLookupInput): Promise<OrgLookupResult> {
  const { issuer, orgId } = credential;
  const curl = orgsMeCurl(orgsMeUrl(issuer), orgId, "pat");
  const opened = openPat(credential);
  const lookup = opened.ok
    ? await refuseWhenIssuerBusy(
        context,
        credential,
        withIssuerSlot(issuer, () => lookupOrg({ issuer, accessToken: opened.token, orgId, tokenSource: "pat" })),
      )
    : null;
  const diagnosis = lookup ? (lookup.ok ? undefined : nameTimeout(lookup.diagnosis, "org")) : opened.ok ? undefined : opened.diagnosis;
  const org = lookup?.ok ? lookup.org : undefined;
  const httpStatus = lookup?.httpStatus ?? null;
  const latencyMs = lookup?.latencyMs ?? null;
  await recordRun(context, {
    kind: "org",
    credential,
    diagnosis,
    httpStatus,
    latencyMs,
    cached: false,
    serviceUser: org && opened.ok ? serviceUserOf(describePat(opened.token, null)) : null,
    orgId: org?.id ?? orgId,
    orgName: org?.name ?? null,
    detail: { ...(lookup ? { attempts: lookup.attempts } : { stage: "token" }), trigger: input.trigger ?? "operator", kind: "pat" },
    holdAlert: input.holdAlert,
    isAutomatic: isPageLookup(input),
  });
  return {
    outcome: org ? "ok" : "failed",
    ...(org ? { org } : {}),
    ...(diagnosis ? { diagnosis: withRequestId(diagnosis, context) } : {}),
    latencyMs,
    tokenCached: false,
    ...(credential.expiresAt ? { tokenExpiresAt: credential.expiresAt } : {}),
    checkedAt: new Date().toISOString(),
    curl,
  };
}

async function tokenAndLookup(
  credential: CredentialRow,
  scopes: string[],
): Promise<{ token: TokenOutcome; lookup: LookupOrgResult | null }> {
  let token = await getAccessToken(credential, scopes, { purpose: "org_lookup" });
  let lookup = token.ok ? await lookupWith(token, credential, scopes) : null;
  if (token.ok && token.cached && lookup?.ok === false && lookup.diagnosis.code === "token_invalid") {
    await (await getStore()).tokenCache.deleteForCredential(credential.id);
    token = await getAccessToken(credential, scopes, { forceFresh: true, purpose: "org_lookup" });
    lookup = token.ok ? await lookupWith(token, credential, scopes) : null;
  }
  return { token, lookup };
}

function lookupWith(token: Extract<TokenOutcome, { ok: true }>, credential: CredentialRow, scopes: string[]): Promise<LookupOrgResult> {
  const { issuer, orgId } = credential;
  return withIssuerSlot(issuer, () => lookupOrg({ issuer, accessToken: token.accessToken, orgId, tokenScopes: scopes }));
}
