import "server-only";
import type { TokenTestResult } from "@/lib/schemas/diagnostics";
import { requireCredentialRow } from "@/lib/server/credentials/get-credential";
import { limitTests, refuseWhenIssuerBusy } from "@/lib/server/limits";
import type { RequestContext } from "@/lib/server/request-context";
import { recordRun } from "./record";
import { getAccessToken, splitScopes, toScopeKey } from "./token-source";

// Token test: a cached token while it is good for another minute (unless forceFresh), else one exchange.
// Rate-limited per operator and per credential, cached or not: the limits protect the console as well as ZITADEL.

export interface RunTokenTestInput {
  credentialId: string;
  scopesOverride?: readonly string[];
  forceFresh?: boolean;
  signal?: AbortSignal;
}

export async function runTokenTest(context: RequestContext, input: RunTokenTestInput): Promise<TokenTestResult> {
  const credential = await requireCredentialRow(input.credentialId);
  await limitTests(context, credential);
  const scopes = input.scopesOverride ?? splitScopes(credential.scopes);
  const token = await refuseWhenIssuerBusy(context, credential, getAccessToken(credential, scopes, { forceFresh: input.forceFresh, signal: input.signal }));
  const { result } = token;
  await recordRun(context, {
    kind: "token",
    credential,
    diagnosis: result.diagnosis,
    httpStatus: token.cached ? null : result.httpStatus,
    latencyMs: token.cached ? null : result.latencyMs,
    cached: token.cached,
    detail: { scopes: toScopeKey(scopes), ...(input.forceFresh ? { forceFresh: true } : {}) },
  });
  return result;
}
