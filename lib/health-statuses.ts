// The health statuses in a plain list, no schema library: the list page reads them on its first load (its filter and
// counts); lib/schemas/health holds the schemas.

/**
 * working: the token works and (when looked up) orgs/me answered · token_fails: the exchange fails ·
 * org_fails: the token works but orgs/me fails · untested: never checked · stale: not checked within
 * HEALTH_STALE_AFTER_HOURS (its last result is still shown beside it).
 */
export const healthStatuses = ["working", "token_fails", "org_fails", "untested", "stale"] as const;
export type HealthStatus = (typeof healthStatuses)[number];
