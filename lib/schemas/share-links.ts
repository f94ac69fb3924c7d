import { z } from "@/lib/zod";

// Share links to a report: a read-only page anyone with the link can open until it expires or is revoked. The report
// is the redacted one, frozen when the link was made; the link's id is shown once, in the answer that makes it.

export const shareSourceTypes = ["check", "run"] as const;

/** The expiries the form offers, in hours (the server caps any at SHARE_LINK_MAX_HOURS). */
export const SHARE_LINK_EXPIRIES = [
  { hours: 1, label: "1 hour" },
  { hours: 24, label: "24 hours" },
  { hours: 168, label: "7 days" },
] as const;

/** What the form starts at, and the server's default cap. */
export const DEFAULT_SHARE_LINK_HOURS = 168;

const sourceSchema = {
  /** check: the latest recorded check of a credential; run: a test-all run. */
  sourceType: z.enum(shareSourceTypes),
  sourceId: z.uuid("Not a credential or run id."),
};

export const createShareLinkSchema = z.strictObject({
  ...sourceSchema,
  expiresInHours: z.number().int().min(1).max(8760),
});
export type CreateShareLink = z.infer<typeof createShareLinkSchema>;

export const shareLinksQuerySchema = z.object(sourceSchema);

export const shareLinkParamsSchema = z.object({ id: z.uuid("Not a share link id.") });

export const shareLinkStates = ["live", "expired", "revoked"] as const;

export const shareLinkDtoSchema = z.object({
  id: z.string(),
  sourceType: z.enum(shareSourceTypes),
  sourceId: z.string(),
  title: z.string(),
  createdBy: z.object({ id: z.string(), name: z.string().nullable() }),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  state: z.enum(shareLinkStates),
  viewCount: z.number().int().nonnegative(),
  lastViewedAt: z.string().nullable(),
  /** The caller made it or is an admin. */
  canRevoke: z.boolean(),
});
export type ShareLinkDto = z.infer<typeof shareLinkDtoSchema>;

export const shareLinkListSchema = z.object({ items: z.array(shareLinkDtoSchema) });
export type ShareLinkList = z.infer<typeof shareLinkListSchema>;

/** The answer that makes a link: the only time its address is shown. */
export const createdShareLinkSchema = z.object({ link: shareLinkDtoSchema, url: z.string() });
export type CreatedShareLink = z.infer<typeof createdShareLinkSchema>;
