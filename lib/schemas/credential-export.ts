import { z } from "@/lib/zod";
import { credentialDtoSchema, listCredentialsQuerySchema } from "./credential";
import { healthStatusSchema } from "./health";

// GET /api/credentials/export: what the list shows, in the list's own words. Browser-safe: no server imports.

/** The list's own filters and order (GET /api/credentials, without its paging), and the file format. */
export const exportQuerySchema = listCredentialsQuerySchema.omit({ limit: true, cursor: true }).extend({
  format: z.enum(["json", "csv"], { error: "Use format=json or format=csv." }).default("json"),
});
export type ExportQuery = z.output<typeof exportQuerySchema>;

/** One exported credential: the API's credential (never a secret) and its health, named as the list's filter names it. */
export const exportedCredentialSchema = credentialDtoSchema.extend({
  /** The health status, as `?status=` means it (stale after HEALTH_STALE_AFTER_HOURS). */
  status: healthStatusSchema,
  /** The diagnosis code behind token_fails / org_fails. */
  diagnosisCode: z.string().nullable(),
  lastCheckedAt: z.string().nullable(),
  /** The last known organization, as `?org=` means it: the org a lookup last reached; null before any. */
  lastOrgId: z.string().nullable(),
  lastOrgName: z.string().nullable(),
});
export type ExportedCredential = z.infer<typeof exportedCredentialSchema>;

/**
 * The export's columns, in CSV order: the one list the CSV writes and the import reads its ignored columns from.
 * Columns added later go last, so a sheet that reads columns by position keeps working.
 */
export const EXPORT_COLUMNS = [
  "id",
  "label",
  "issuer",
  "clientId",
  "scopes",
  "orgId",
  "authMethod",
  "tags",
  "notes",
  "hasSecret",
  "secretHint",
  "secretUpdatedAt",
  "version",
  "createdAt",
  "createdBy",
  "updatedAt",
  "lastOrgId",
  "lastOrgName",
  "status",
  "lastCheckedAt",
  "kind",
  "expiresAt",
  "expiry",
  "diagnosisCode",
] as const satisfies readonly (keyof ExportedCredential)[];
