import "server-only";
import type { IntrospectionResult } from "@/lib/schemas/introspection";
import { recordAudit } from "@/lib/server/audit";
import { requireCredentialRow } from "@/lib/server/credentials/get-credential";
import { DecryptError, introspectionClientContext, open } from "@/lib/server/crypto";
import { serviceUserName } from "@/lib/server/diagnostics/service-user";
import { splitScopes } from "@/lib/server/diagnostics/token-source";
import { limitTests, refuseWhenIssuerBusy, withIssuerSlot } from "@/lib/server/limits";
import { withRequestId, type RequestContext } from "@/lib/server/request-context";
import { getStore, type CredentialRow, type IntrospectionClientRow } from "@/lib/server/store";
import { diagnoseInactive, introspectToken, makeDiagnosis, type IntrospectionAuth, type IntrospectResult } from "@/lib/server/zitadel";
import { tokenToIntrospect, type TokenToIntrospect } from "./token-to-introspect";

// Introspection: ask ZITADEL, as the issuer's introspection client, whether the token the console holds for a
// credential is active. Limited like a token test (it is one call to the issuer), audited, never the token.

export interface RunIntrospectionInput {
  credentialId: string;
}

export async function runIntrospection(context: RequestContext, input: RunIntrospectionInput): Promise<IntrospectionResult> {
  const credential = await requireCredentialRow(input.credentialId);
  const client = await (await getStore()).introspectionClients.getForIssuer(credential.issuer);
  if (!client) return { configured: false };
  const subject = await tokenToIntrospect(credential);
  await limitTests(context, credential);

  const at = new Date().toISOString();
  const auth = openAuth(client);
  const result: IntrospectResult = auth
    ? await refuseWhenIssuerBusy(
        context,
        credential,
        withIssuerSlot(credential.issuer, () => introspectToken({ issuer: credential.issuer, token: subject.token, auth })),
      )
    : { ok: false, diagnosis: makeDiagnosis("introspection_client_unreadable"), httpStatus: null, latencyMs: null, transcript: null };

  const answer = toAnswer(result, at, credential, client, subject);
  // An opaque PAT says nothing of its expiry; ZITADEL's answer does, and the fleet's "expires soon" needs it.
  if (credential.kind === "pat" && answer.outcome === "active" && answer.claims?.exp) {
    await (await getStore()).credentials.recordPatExpiry(credential.id, new Date(answer.claims.exp * 1000).toISOString());
  }
  const username = answer.outcome === "active" ? serviceUserName(answer.claims?.username) : null;
  if (username && username !== credential.serviceUser) await (await getStore()).credentials.recordServiceUser(credential.id, username);
  await recordAudit(context, "credential.introspect", {
    target: credential,
    outcome: answer.outcome === "active" ? "success" : "failure",
    httpStatus: answer.httpStatus,
    detail: {
      result: answer.outcome,
      ...(answer.diagnosis ? { diagnosis: answer.diagnosis.code } : {}),
      token: subject.source,
      introspectionClientId: client.id,
      method: client.method,
    },
  });
  return answer.diagnosis ? { ...answer, diagnosis: withRequestId(answer.diagnosis, context) ?? null } : answer;
}

/** The one place the introspection client's secret or key exists in plaintext: opened here, dropped after the call. */
export function openAuth(client: IntrospectionClientRow): IntrospectionAuth | null {
  let material: string;
  try {
    material = open(client.secretEnvelope, introspectionClientContext(client.id, client.issuer, client.clientId));
  } catch (error) {
    if (error instanceof DecryptError) return null;
    throw error;
  }
  if (client.method === "client_secret") return { method: "client_secret", clientId: client.clientId, clientSecret: material };
  return { method: "private_key_jwt", clientId: client.clientId, keyId: client.keyId ?? "", privateKeyPem: material };
}

type ConfiguredAnswer = Extract<IntrospectionResult, { configured: true }>;

function toAnswer(
  result: IntrospectResult,
  at: string,
  credential: CredentialRow,
  client: IntrospectionClientRow,
  subject: TokenToIntrospect,
): ConfiguredAnswer {
  const common = {
    configured: true as const,
    at,
    latencyMs: result.latencyMs,
    httpStatus: result.httpStatus,
    transcript: result.transcript,
  };
  if (!result.ok) return { ...common, outcome: "failed", claims: null, diagnosis: result.diagnosis };
  if (result.claims.active) return { ...common, outcome: "active", claims: result.claims, diagnosis: null };
  const isPat = credential.kind === "pat";
  const diagnosis = diagnoseInactive({
    introspectionClientId: client.clientId,
    credentialScopes: isPat ? [] : splitScopes(credential.scopes),
    jwtAudience: subject.jwtAudience,
    expiresAt: subject.expiresAt,
    isPat,
  });
  return { ...common, outcome: "inactive", claims: result.claims, diagnosis };
}
