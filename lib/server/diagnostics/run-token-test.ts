import "server-only";
import type { TokenTestResult } from "@/lib/schemas/diagnostics";
import { requireCredentialRow } from "@/lib/server/credentials/get-credential";
import { limitTests, refuseWhenIssuerBusy } from "@/lib/server/limits";
import { withRequestId, type RequestContext } from "@/lib/server/request-context";
import { patTokenTest } from "./pat";
import { recordRun, type RunRecord } from "./record";
import { serviceUserOf } from "./service-user";
import { getAccessToken, splitScopes, toScopeKey } from "./token-source";

// Token test: always one exchange with ZITADEL, because the operator asks whether the secret works now. The token it
// obtains replaces the cached one, which the org lookup then uses. Rate-limited per operator and per credential: the
// limits protect the console as well as ZITADEL.

export interface RunTokenTestInput {
  credentialId: string;
  scopesOverride?: readonly string[];
  /** An item of a test-all run (one action, at most one running per operator): spends only the credential's budget. */
  partOfRun?: boolean;
  /** See RunRecord.holdAlert. */
  holdAlert?: RunRecord["holdAlert"];
}

export async function runTokenTest(context: RequestContext, input: RunTokenTestInput): Promise<TokenTestResult> {
  const credential = await requireCredentialRow(input.credentialId);
  await limitTests(context, credential, { perOperator: !input.partOfRun });
  if (credential.kind === "pat") {
    // Nothing to exchange: the PAT is described as held; its live check is the org lookup. Only a passed expiry is a
    // finding; otherwise the history says it was not checked, and the health stays as the last live check left it.
    const { isVerified, ...result } = patTokenTest(credential);
    await recordRun(context, {
      kind: "token",
      credential,
      diagnosis: result.diagnosis,
      httpStatus: null,
      latencyMs: null,
      cached: false,
      isUnverified: !isVerified,
      serviceUser: serviceUserOf(result.pat),
      detail: { kind: "pat", checked: isVerified ? "expiry" : "nothing" },
      holdAlert: input.holdAlert,
    });
    return withDiagnosisRequestId(result, context);
  }
  const scopes = input.scopesOverride ?? splitScopes(credential.scopes);
  // No caller's signal: once a stored secret is in use, the exchange and its record finish whoever is still waiting.
  const fresh = getAccessToken(credential, scopes, { forceFresh: true, purpose: "token_test" });
  const { result } = await refuseWhenIssuerBusy(context, credential, fresh);
  await recordRun(context, {
    kind: "token",
    credential,
    diagnosis: result.diagnosis,
    httpStatus: result.httpStatus,
    latencyMs: result.latencyMs,
    cached: false,
    serviceUser: serviceUserOf(result.token),
    detail: { scopes: toScopeKey(scopes), kind: credential.kind },
    holdAlert: input.holdAlert,
  });
  return withDiagnosisRequestId(result, context);
}

function withDiagnosisRequestId(result: TokenTestResult, context: RequestContext): TokenTestResult {
  return result.diagnosis ? { ...result, diagnosis: withRequestId(result.diagnosis, context) } : result;
}
