import "server-only";
import { ApiError } from "@/lib/api-error";
import { hasAccess } from "@/lib/roles";
import { isReadCall, type ApiCallRequest, type ApiCallResult } from "@/lib/schemas/api-call";
import { recordAudit } from "@/lib/server/audit";
import { requireCredentialRow } from "@/lib/server/credentials/get-credential";
import { limitTests, refuseWhenIssuerBusy, withIssuerSlot } from "@/lib/server/limits";
import { withRequestId, type RequestContext } from "@/lib/server/request-context";
import type { CredentialRow } from "@/lib/server/store";
import { makeDiagnosis } from "@/lib/server/zitadel";
import { apiCallCurl, apiCallUrl, callZitadelApi, unanswered, type ApiCallAnswer } from "@/lib/server/zitadel/api-call";
import { openPat } from "./pat";
import { getAccessToken, splitScopes } from "./token-source";

// "Try a call": a request of the operator's choosing to ZITADEL's APIs, on the credential's own issuer, with the token
// the credential gets (a PAT as it is). Rate-limited like a test; audited with method, path and status, never the
// answer; not a check, so it stays out of the test history and the credential's health.

export async function runApiCall(context: RequestContext, credentialId: string, call: ApiCallRequest): Promise<ApiCallResult> {
  if (!isReadCall(call.method, call.path) && !hasAccess(context.operator.role, "admin")) {
    throw new ApiError("forbidden", "Calls that can change ZITADEL need the admin role.", {
      hint: "An operator may send GET requests and POST …/_search requests, which only read.",
    });
  }
  const credential = await requireCredentialRow(credentialId);
  await limitTests(context, credential);
  const tokenSource = credential.kind === "pat" ? "pat" : "exchange";
  const url = apiCallUrl(credential.issuer, call.path)?.href ?? credential.issuer;
  const curl = apiCallCurl({ ...call, url, orgId: credential.orgId, tokenSource });

  const { answer, tokenCached } = await refuseWhenIssuerBusy(context, credential, send(credential, call));
  await recordAudit(context, "credential.api_call", {
    target: credential,
    outcome: answer.diagnosis ? "failure" : "success",
    httpStatus: answer.status,
    // The path names what was asked; the query may carry search terms, so it stays out.
    detail: { method: call.method, path: call.path.split("?")[0], ...(answer.diagnosis ? { diagnosis: answer.diagnosis.code } : {}) },
  });
  return {
    method: call.method,
    url: answer.url,
    status: answer.status,
    latencyMs: answer.latencyMs,
    contentType: answer.contentType,
    body: answer.body,
    truncated: answer.truncated,
    ...(answer.diagnosis ? { diagnosis: withRequestId(answer.diagnosis, context) } : {}),
    tokenCached,
    curl,
    checkedAt: new Date().toISOString(),
  };
}

async function send(credential: CredentialRow, call: ApiCallRequest): Promise<{ answer: ApiCallAnswer; tokenCached: boolean }> {
  const { issuer, orgId } = credential;
  const request = { issuer, method: call.method, path: call.path, body: call.body, orgId };
  if (credential.kind === "pat") {
    const opened = openPat(credential);
    if (!opened.ok) return { answer: unanswered(issuer, opened.diagnosis), tokenCached: false };
    const answer = await withIssuerSlot(issuer, () =>
      callZitadelApi({ ...request, accessToken: opened.token, hints: { orgId, tokenSource: "pat" } }),
    );
    return { answer, tokenCached: false };
  }
  const scopes = splitScopes(credential.scopes);
  const token = await getAccessToken(credential, scopes, { purpose: "api_call" });
  if (!token.ok) return { answer: unanswered(issuer, token.result.diagnosis ?? makeDiagnosis("unknown")), tokenCached: false };
  const answer = await withIssuerSlot(issuer, () =>
    callZitadelApi({ ...request, accessToken: token.accessToken, hints: { orgId, scopes, tokenSource: "exchange" } }),
  );
  return { answer, tokenCached: token.cached };
}
