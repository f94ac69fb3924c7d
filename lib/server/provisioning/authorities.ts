import "server-only";
import { ApiError } from "@/lib/api-error";
import { getEnv } from "@/lib/env";
import type { Diagnosis } from "@/lib/schemas/diagnostics";
import type { Authority, AuthorityRef } from "@/lib/schemas/provisioning";
import { getOperatorZitadelToken } from "@/lib/server/auth";
import { openPat } from "@/lib/server/diagnostics/pat";
import { getAccessToken, splitScopes } from "@/lib/server/diagnostics/token-source";
import type { RequestContext } from "@/lib/server/request-context";
import { getStore, type CredentialRow, type ProvisionerRow } from "@/lib/server/store";
import { makeDiagnosis, ZITADEL_API_AUDIENCE_SCOPE } from "@/lib/server/zitadel";

// Whose ZITADEL permissions a Management API call uses. The operator's own token works only at the issuer the console
// signs in with (it was issued there); a provisioner is a registered credential an admin named for its issuer.

export type TokenForCall = { ok: true; accessToken: string } | { ok: false; diagnosis: Diagnosis };

export interface ResolvedAuthority {
  kind: "operator" | "provisioner";
  credentialId: string | null;
  issuer: string;
  label: string;
  /** Who acts, as a refusal names it. */
  who: string;
  /** A Bearer token for the Management API, fetched when a call needs it (a provisioner's may be cached). */
  token(): Promise<TokenForCall>;
}

export function signInIssuer(): string {
  return new URL(getEnv().AUTH_ZITADEL_ISSUER).origin;
}

function operatorLabel(context: RequestContext): string {
  return `Your own ZITADEL account (${context.operator.name})`;
}

function provisionerLabel(row: Pick<ProvisionerRow, "label" | "clientId">): string {
  return `Provisioner ${row.label} (client ID ${row.clientId})`;
}

/** The authorities for an issuer (every issuer that has one when none is given), available or with why not. */
export async function listAuthorities(context: RequestContext, issuer?: string): Promise<Authority[]> {
  const home = signInIssuer();
  const provisioners = await (await getStore()).provisioning.listProvisioners();
  const wanted = issuer ? new URL(issuer).origin : null;
  const operator = await operatorAuthority(context, wanted ?? home);
  const registered = provisioners
    .filter((row) => !wanted || row.issuer === wanted)
    .map<Authority>((row) => ({
      kind: "provisioner",
      credentialId: row.credentialId,
      issuer: row.issuer,
      label: provisionerLabel(row),
      available: true,
      reason: null,
    }));
  return [operator, ...registered];
}

async function operatorAuthority(context: RequestContext, issuer: string): Promise<Authority> {
  const base = { kind: "operator" as const, credentialId: null, issuer, label: operatorLabel(context) };
  if (issuer !== signInIssuer()) {
    const reason = `Your own account belongs to ${signInIssuer()}, where you sign in; at ${issuer} use a provisioner.`;
    return { ...base, available: false, reason };
  }
  const token = await getOperatorZitadelToken(context.operator);
  return { ...base, available: token.ok, reason: token.ok ? null : token.reason };
}

/** The authority a request names, for this issuer; a 422 that says why when it cannot act there. */
export async function resolveAuthority(context: RequestContext, ref: AuthorityRef, issuer: string): Promise<ResolvedAuthority> {
  if (ref.kind === "operator") {
    const authority = await operatorAuthority(context, issuer);
    if (!authority.available) throw new ApiError("validation_failed", authority.reason ?? "Your own ZITADEL account cannot act here.");
    return {
      kind: "operator",
      credentialId: null,
      issuer,
      label: authority.label,
      who: `${context.operator.name} (your own ZITADEL account)`,
      token: async () => {
        const token = await getOperatorZitadelToken(context.operator);
        return token.ok
          ? { ok: true, accessToken: token.accessToken }
          : { ok: false, diagnosis: makeDiagnosis("provisioning_token_expired", { explanation: token.reason }) };
      },
    };
  }
  const store = await getStore();
  const provisioner = await store.provisioning.getProvisionerByCredential(ref.credentialId);
  const credential = provisioner ? await store.credentials.get(provisioner.credentialId) : null;
  if (!provisioner || !credential) throw new ApiError("validation_failed", "This credential is not a registered provisioner.");
  if (provisioner.issuer !== issuer) {
    throw new ApiError("validation_failed", `This provisioner acts at ${provisioner.issuer}, not at ${issuer}.`);
  }
  return {
    kind: "provisioner",
    credentialId: credential.id,
    issuer,
    label: provisionerLabel(provisioner),
    who: `the provisioner ${credential.label} (client ID ${credential.clientId})`,
    token: () => provisionerToken(credential),
  };
}

// The provisioner's token must carry the ZITADEL API audience, whatever scopes its own tests use.
async function provisionerToken(credential: CredentialRow): Promise<TokenForCall> {
  if (credential.kind === "pat") {
    const opened = openPat(credential);
    return opened.ok ? { ok: true, accessToken: opened.token } : opened;
  }
  const scopes = [...new Set([...splitScopes(credential.scopes), ZITADEL_API_AUDIENCE_SCOPE])];
  const token = await getAccessToken(credential, scopes, { purpose: "org_lookup" });
  if (token.ok) return { ok: true, accessToken: token.accessToken };
  return { ok: false, diagnosis: token.result.diagnosis ?? makeDiagnosis("unknown") };
}
