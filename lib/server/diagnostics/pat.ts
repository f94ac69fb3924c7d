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

/**
 * The token test of a PAT: what the console holds, described without calling ZITADEL. The one thing it can verify is
 * the expiry, when known: past it, the PAT fails; otherwise `isVerified` is false, since ZITADEL was not asked.
 */
export function patTokenTest(credential: CredentialRow, now = Date.now()): TokenTestResult & { isVerified: boolean } {
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
  if (!opened.ok) return { ...common, outcome: "failed", diagnosis: opened.diagnosis, isVerified: true };
  const pat = describePat(opened.token, credential.expiresAt);
  if (pat.expiresAt !== null && Date.parse(pat.expiresAt) <= now) {
    return { ...common, outcome: "failed", diagnosis: makeDiagnosis("pat_expired"), isVerified: true };
  }
  return { ...common, outcome: "ok", pat, isVerified: false };
}
