import "server-only";
import { ZITADEL_API_AUDIENCE_SCOPE } from "./wire";

// What each scope of a token request adds, in ZITADEL's terms (docs/zitadel-notes.md), for the presenter view.

const FIXED: Record<string, string> = {
  openid: "Makes it an OpenID Connect request: ZITADEL may add an ID token to the answer.",
  profile: "Adds the user's profile (name, username) to the ID token and userinfo.",
  email: "Adds the user's email address to the ID token and userinfo.",
  offline_access: "Asks for a refresh token (ZITADEL gives none for client credentials).",
  [ZITADEL_API_AUDIENCE_SCOPE]:
    "Puts ZITADEL's own API project in the token's audience: without it the Management API (orgs/me) refuses the token.",
  "urn:zitadel:iam:org:projects:roles": "Adds the user's roles in the project to the token.",
  "urn:zitadel:iam:user:resourceowner": "Adds the user's own organization (ID, name, domain) to the token's claims.",
  "urn:zitadel:iam:user:metadata": "Adds the user's metadata to the token's claims.",
};

const PATTERNS: [RegExp, (id: string) => string][] = [
  [/^urn:zitadel:iam:org:project:id:([^:]+):aud$/, (id) => `Puts project ${id} in the token's audience, so that project's API accepts it.`],
  [/^urn:zitadel:iam:org:id:(.+)$/, (id) => `Asks for the token in organization ${id}: the user must belong to it.`],
  [/^urn:zitadel:iam:org:domain:primary:(.+)$/, (domain) => `Asks for the token in the organization whose primary domain is ${domain}.`],
  [/^urn:zitadel:iam:org:project:role:(.+)$/, (role) => `Asks for the project role ${role} in the token.`],
];

export function describeScope(scope: string): string {
  const fixed = FIXED[scope];
  if (fixed) return fixed;
  for (const [pattern, describe] of PATTERNS) {
    const match = pattern.exec(scope);
    if (match?.[1]) return describe(match[1]);
  }
  return "Not a scope ZITADEL defines: it is passed through and adds nothing ZITADEL checks.";
}
