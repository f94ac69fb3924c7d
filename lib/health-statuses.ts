// The health statuses in a plain list, no schema library: the list page reads them on its first load (its filter and
// counts); lib/schemas/health holds the schemas.

/**
 * working: the token works and (when looked up) orgs/me answered · token_fails: the exchange fails ·
 * org_fails: the token works but orgs/me fails · issuer_unavailable: the issuer itself did not answer usefully (down,
 * overloaded, a proxy's error page, a stalled answer), so nothing is known about the credential and it is not counted
 * as failing · untested: never checked · stale: not checked within HEALTH_STALE_AFTER_HOURS (its last result is still
 * shown beside it).
 */
export const healthStatuses = ["working", "token_fails", "org_fails", "issuer_unavailable", "untested", "stale"] as const;
export type HealthStatus = (typeof healthStatuses)[number];
