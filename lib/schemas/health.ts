import { healthStatuses, type HealthStatus } from "@/lib/health-statuses";
import { z } from "@/lib/zod";

// A credential's health: one status from its latest token test and org lookup together, and the organization it
// last reached. Shared by the list API, the test-all runs and the alerts, so each says the same thing.

export type { HealthStatus } from "@/lib/health-statuses";

export const healthStatusSchema = z.enum(healthStatuses);

/** The statuses a check can leave behind; stale and untested are about time, not about a result. */
export type CheckedStatus = Extract<HealthStatus, "working" | "token_fails" | "org_fails" | "issuer_unavailable">;

export const lastKnownOrgSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** When a lookup last reached it; kept while later lookups fail. */
  at: z.string(),
});
export type LastKnownOrg = z.infer<typeof lastKnownOrgSchema>;

export const healthSchema = z.object({
  status: healthStatusSchema,
  /** Since when the checked status holds (the first check that gave it); null when untested. */
  since: z.string().nullable(),
  lastCheckedAt: z.string().nullable(),
  /** The diagnosis code behind token_fails / org_fails / issuer_unavailable (also shown for a stale failure). */
  diagnosisCode: z.string().nullable(),
  lastKnownOrg: lastKnownOrgSchema.nullable(),
});
export type Health = z.infer<typeof healthSchema>;

function issuerOutageSchema() {
  return z.object({
    issuer: z.string(),
    /** When the first check found it unavailable. */
    since: z.string(),
    /** The diagnosis that check got. */
    code: z.string(),
    /** Credentials whose latest check found it unavailable. */
    credentials: z.number(),
  });
}
export type IssuerOutage = z.infer<ReturnType<typeof issuerOutageSchema>>;

/** How many credentials the list's filters leave, per status and per last known organization. */
export const healthCountsSchema = z.object({
  total: z.number(),
  /** Every filter applies except the status itself, so each status shows what choosing it would leave. */
  byStatus: z.object(Object.fromEntries(healthStatuses.map((status) => [status, z.number()])) as Record<HealthStatus, z.ZodNumber>),
  /** Every filter applies except the org itself; the largest first. `id: null` counts credentials with no known org. */
  byOrg: z.array(z.object({ id: z.string().nullable(), name: z.string().nullable(), count: z.number() })),
  /** Issuers whose credentials' latest checks found them unavailable, whatever the filters: the list's banner. */
  issuerOutages: z.array(issuerOutageSchema()),
});
export type HealthCounts = z.infer<typeof healthCountsSchema>;
