import type { Org } from "./seed";

// Scope rules of ZITADEL's client_credentials exchange (zitadel/oidc ValidateAuthReqScopes, ZITADEL checkOrgScopes).

const STANDARD_SCOPES = new Set(["openid", "profile", "email", "phone", "address", "offline_access"]);
const RESERVED_SCOPES = new Set([
  "urn:zitadel:iam:user:resourceowner",
  "urn:zitadel:iam:user:metadata",
  "urn:zitadel:iam:org:projects:roles",
]);
const RESERVED_PREFIXES = [
  "urn:zitadel:iam:org:id:",
  "urn:zitadel:iam:org:domain:primary:",
  "urn:zitadel:iam:org:project:id:",
  "urn:zitadel:iam:org:project:role:",
  "urn:zitadel:iam:org:roles:id:",
];
const ORG_ID_PREFIX = "urn:zitadel:iam:org:id:";
const ORG_DOMAIN_PREFIX = "urn:zitadel:iam:org:domain:primary:";
const AUDIENCE_SCOPE = /^urn:zitadel:iam:org:project:id:(.+):aud$/;
const RESOURCE_OWNER_SCOPE = "urn:zitadel:iam:user:resourceowner";

export function splitScope(raw: string): string[] {
  return raw.split(" ").filter((scope) => scope !== "");
}

function isScopeAllowed(scope: string): boolean {
  return STANDARD_SCOPES.has(scope) || RESERVED_SCOPES.has(scope) || RESERVED_PREFIXES.some((p) => scope.startsWith(p));
}

/** Unknown scopes and other orgs' id/domain scopes are dropped silently; the request still succeeds. */
export function grantScopes(requested: string[], org: Org): string[] {
  return requested.filter((scope) => {
    if (!isScopeAllowed(scope)) return false;
    if (scope.startsWith(ORG_ID_PREFIX)) return scope.slice(ORG_ID_PREFIX.length) === org.id;
    if (scope.startsWith(ORG_DOMAIN_PREFIX)) return scope.slice(ORG_DOMAIN_PREFIX.length) === org.primaryDomain;
    return true;
  });
}

/** AddAudScopeToAudience runs on the raw scopes: any project id is accepted, `zitadel` means the instance's project. */
export function audienceFromScopes(requested: string[], zitadelProjectId: string): string[] {
  const audience: string[] = [];
  for (const scope of requested) {
    const match = AUDIENCE_SCOPE.exec(scope);
    if (!match) continue;
    const projectId = match[1] === "zitadel" ? zitadelProjectId : match[1]!;
    if (!audience.includes(projectId)) audience.push(projectId);
  }
  return audience;
}

/** Private `urn:zitadel:…` claims the granted scopes ask for. Role claims are not emulated. */
export function reservedClaims(scopes: string[], org: Org): Record<string, string> {
  const claims: Record<string, string> = {};
  const resourceOwner = {
    "urn:zitadel:iam:user:resourceowner:id": org.id,
    "urn:zitadel:iam:user:resourceowner:name": org.name,
    "urn:zitadel:iam:user:resourceowner:primary_domain": org.primaryDomain,
  };
  for (const scope of scopes) {
    if (scope.startsWith(ORG_ID_PREFIX)) Object.assign(claims, { "urn:zitadel:iam:org:id": org.id }, resourceOwner);
    if (scope.startsWith(ORG_DOMAIN_PREFIX)) claims["urn:zitadel:iam:org:domain:primary"] = org.primaryDomain;
    if (scope === RESOURCE_OWNER_SCOPE) Object.assign(claims, resourceOwner);
  }
  return claims;
}
