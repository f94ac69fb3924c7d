import "server-only";
import type { Diagnosis, TokenTestResult } from "@/lib/schemas/diagnostics";
import { DecryptError, open, secretContext } from "@/lib/server/crypto";
import type { CredentialRow } from "@/lib/server/store";
import { describePat, makeDiagnosis, orgsMeCurl, orgsMeUrl } from "@/lib/server/zitadel";

// A personal access token is used as it is: no exchange, no token cache. The one place it exists in plaintext is
// between openPat and the call that uses it.

export type OpenedPat = { ok: true; token: string } | { ok: false; diagnosis: Diagnosis };

export function openPat(credential: CredentialRow): OpenedPat {
  if (!credential.secretEnvelope) {
    return {
      ok: false,
      diagnosis: {
        ...makeDiagnosis("no_secret"),
        title: "No personal access token is stored",
        explanation: "This credential has no personal access token yet.",
        fix: 'Use "Replace token" to add the service user\'s personal access token.',
      },
    };
  }
  try {
    return { ok: true, token: open(credential.secretEnvelope, secretContext(credential.id, credential.issuer, credential.clientId)) };
  } catch (error) {
    if (!(error instanceof DecryptError)) throw error;
    return {
      ok: false,
      diagnosis: {
        ...makeDiagnosis("secret_unreadable"),
        title: "The stored token could not be decrypted",
        fix: 'Use "Replace token" to store the personal access token again.',
      },
    };
  }
}

/** The token test of a PAT: what the console holds, described without calling ZITADEL. */
export function patTokenTest(credential: CredentialRow): TokenTestResult {
  const opened = openPat(credential);
  const common = {
    source: "pat" as const,
    cached: false,
    obtainedAt: new Date().toISOString(),
    latencyMs: null,
    httpStatus: null,
    transcript: null,
    curl: orgsMeCurl(orgsMeUrl(credential.issuer), credential.orgId, "pat"),
  };
  if (!opened.ok) return { ...common, outcome: "failed", diagnosis: opened.diagnosis };
  return { ...common, outcome: "ok", pat: describePat(opened.token, credential.expiresAt) };
}
