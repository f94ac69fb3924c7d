import "server-only";
import { managerRoles } from "@/lib/manager-roles";
import type { Diagnosis, DiagnosisCode } from "@/lib/schemas/diagnostics";
import type { LookedUpUser, UserKeyInfo } from "@/lib/schemas/lookup";
import { makeDiagnosis } from "@/lib/server/zitadel";

// What is wrong with a service user ZITADEL described, in the credential page's vocabulary (its diagnosis codes),
// worded for someone who holds no credential of it. A list ZITADEL did not give (null) proves nothing either way.

interface Wording {
  title: string;
  explanation: string;
  fix?: string;
}

function finding(code: DiagnosisCode, wording: Wording): Diagnosis {
  const base = makeDiagnosis(code, { explanation: wording.explanation });
  return { ...base, title: wording.title, fix: wording.fix ?? base.fix };
}

const isExpired = (item: UserKeyInfo, now: number) => item.expiresAt !== null && Date.parse(item.expiresAt) <= now;

function lastExpiry(items: readonly UserKeyInfo[]): string {
  const latest =
    items
      .map((item) => item.expiresAt ?? "")
      .sort()
      .at(-1) ?? "";
  return latest ? latest.slice(0, 10) : "an unknown date";
}

export function diagnoseLookedUpUser(user: LookedUpUser, now: number = Date.now()): Diagnosis[] {
  const findings: Diagnosis[] = [];
  const orgName = user.org?.name ?? "its organization";

  if (!user.isMachine) {
    findings.push(
      finding("client_not_found", {
        title: "A human user, not a service user",
        explanation: `${user.loginName} signs in interactively; its login name is no client ID, and ZITADEL issues it no client-credentials token.`,
        fix: "Look up the service user the client ID belongs to (Users → Service Users in ZITADEL).",
      }),
    );
    return findings;
  }
  if (user.state !== "active") {
    const how = user.state === "locked" ? "locked" : user.state === "inactive" ? "deactivated" : "not active";
    findings.push(
      finding("user_inactive", {
        title: `Deactivated: ZITADEL issues it no token (${how})`,
        explanation: `ZITADEL reports ${user.loginName} as ${how}: every token request for it is refused, whatever its secret or key.`,
      }),
    );
  }

  const keys = user.keys ?? [];
  const pats = user.pats ?? [];
  const liveKeys = keys.filter((key) => !isExpired(key, now));
  const livePats = pats.filter((pat) => !isExpired(pat, now));
  if (user.keys && user.pats && !user.hasSecret && liveKeys.length === 0 && livePats.length === 0) {
    findings.push(
      finding("no_secret", {
        title: keys.length > 0 ? "No secret, and every key has expired" : "No secret and no key: it cannot get a token",
        explanation: `ZITADEL holds no client secret for ${user.loginName} and no key or personal access token that is still valid, so neither client credentials nor the JWT profile can work.`,
        fix: "In ZITADEL open Users → Service Users → this user → Actions → Generate Client Secret (or Keys → New, type JSON), then register it here.",
      }),
    );
  } else if (keys.length > 0 && liveKeys.length === 0) {
    findings.push(
      finding("jwt_profile_rejected", {
        title: "Every key has expired",
        explanation: `All ${keys.length} of its keys expired (the last on ${lastExpiry(keys)}); ZITADEL refuses an assertion signed with any of them.`,
      }),
    );
  }
  if (pats.length > 0 && livePats.length === 0) {
    findings.push(
      finding("pat_expired", {
        title: "Every personal access token has expired",
        explanation: `All ${pats.length} of its personal access tokens expired (the last on ${lastExpiry(pats)}); ZITADEL refuses them (401).`,
      }),
    );
  }
  if (user.memberships && !readsItsOrg(user)) {
    const held = user.memberships.flatMap((membership) => membership.roles);
    const holds = held.length > 0 ? `only ${held.join(", ")}, none of which grants org.read` : "no manager role";
    findings.push(
      finding("missing_permission", {
        title: "No manager role: orgs/me will answer 403",
        explanation: `${user.loginName} holds ${holds} in ${orgName} (nor in the instance), so its tokens are valid but GET /management/v1/orgs/me answers 403 (AUTH-5mWD2).`,
      }),
    );
  }
  return findings;
}

// ZITADEL's default roles that grant org.read (cmd/defaults.yaml): the org manager roles, and the instance roles that
// grant it in every org.
const ORG_READ_ROLES = new Set<string>([
  "IAM_OWNER",
  "IAM_OWNER_VIEWER",
  "IAM_ORG_MANAGER",
  "IAM_USER_MANAGER",
  "IAM_LOGIN_CLIENT",
  ...managerRoles,
]);

/** An org.read role in its own org, or an instance role that grants it everywhere. */
function readsItsOrg(user: LookedUpUser): boolean {
  return (user.memberships ?? []).some(
    (membership) =>
      (membership.scope === "instance" || (membership.scope === "org" && (!user.org || membership.id === user.org.id))) &&
      membership.roles.some((role) => ORG_READ_ROLES.has(role)),
  );
}
