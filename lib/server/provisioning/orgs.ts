import "server-only";
import { ApiError } from "@/lib/api-error";
import type { ZitadelOrg } from "@/lib/schemas/provisioning";
import type { RequestContext } from "@/lib/server/request-context";
import { getStore } from "@/lib/server/store";
import { getOwnOrg, searchOrgs } from "@/lib/server/zitadel";
import { resolveAuthority, signInIssuer } from "./authorities";
import { callZitadel } from "./call-zitadel";

// The organizations an authority may create service users in: ZITADEL's org search (filtered to what it may read),
// or, when it may not search, its own org (orgs/me).

export async function listOrgs(context: RequestContext, authorityParam: string): Promise<{ orgs: ZitadelOrg[] }> {
  const ref =
    authorityParam === "operator" ? { kind: "operator" as const } : { kind: "provisioner" as const, credentialId: authorityParam };
  const issuer = ref.kind === "operator" ? signInIssuer() : await issuerOf(ref.credentialId);
  const authority = await resolveAuthority(context, ref, issuer);
  const scope = { authority, orgId: null };
  const searched = await callZitadel(context, scope, searchOrgs);
  if (searched.ok && searched.data.length > 0) return { orgs: searched.data };
  const own = await callZitadel(context, scope, getOwnOrg);
  if (own.ok) return { orgs: [own.data] };
  const { diagnosis } = own;
  throw new ApiError("upstream_failed", `${diagnosis.title}: ${diagnosis.explanation}`, { hint: diagnosis.fix });
}

async function issuerOf(credentialId: string): Promise<string> {
  const provisioner = await (await getStore()).provisioning.getProvisionerByCredential(credentialId);
  if (!provisioner) throw new ApiError("validation_failed", "This credential is not a registered provisioner.");
  return provisioner.issuer;
}
