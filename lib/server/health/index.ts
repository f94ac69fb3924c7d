import "server-only";
import { getEnv } from "@/lib/env";
import type { CredentialFilter } from "@/lib/schemas/credential";
import type { Health, HealthCounts } from "@/lib/schemas/health";
import { getStore, type HealthRow } from "@/lib/server/store";

// A credential's health as the list, the counts, the metrics and test-all runs read it. Stale is decided here, at
// read time: a checked status older than HEALTH_STALE_AFTER_HOURS no longer claims to be current.

const HOUR_MS = 60 * 60 * 1000;

export type { HealthInput } from "@/lib/server/store/health-rule";

/** Checks before this instant are stale: the one cut-off every store query is given. */
export function staleBefore(now = Date.now()): string {
  return new Date(now - getEnv().HEALTH_STALE_AFTER_HOURS * HOUR_MS).toISOString();
}

/** The filter with the stale cut-off the status filter needs; pass every store query through it. */
export function withStaleCutoff<T extends Partial<CredentialFilter>>(filter: T, now = Date.now()): T & { staleBefore: string } {
  return { ...filter, staleBefore: staleBefore(now) };
}

export function toHealth(row: HealthRow, cutoff: string): Health {
  const status = row.status === null ? "untested" : row.checkedAt !== null && row.checkedAt < cutoff ? "stale" : row.status;
  return { status, since: row.since, lastCheckedAt: row.checkedAt, diagnosisCode: row.code, lastKnownOrg: row.lastOrg };
}

/** Counts per status and per last known organization for what the filter leaves (the list's counts bar), and the
 * issuers currently unavailable (its banner). */
export async function getHealthCounts(filter: Partial<CredentialFilter> = {}): Promise<HealthCounts> {
  const store = await getStore();
  const [counts, issuerOutages] = await Promise.all([
    store.credentials.countHealth(withStaleCutoff(filter)),
    store.credentials.listIssuerOutages(),
  ]);
  return { ...counts, issuerOutages };
}

/** Every credential id the filter leaves: "test what the filter shows". */
export async function listFilteredCredentialIds(filter: Partial<CredentialFilter>): Promise<string[]> {
  return (await getStore()).credentials.listIds(withStaleCutoff(filter));
}
