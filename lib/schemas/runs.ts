import { z } from "@/lib/zod";
import { credentialFilterSchema } from "./credential";
import { healthStatusSchema } from "./health";

// Test-all runs as the API answers them: which credentials a run covers, how far it got, what each one came to.

export const MAX_SELECTED = 10_000;

export const runScopeSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("all") }),
  z.object({
    kind: z.literal("selected"),
    ids: z.array(z.uuid("Not a credential id.")).min(1, "Select at least one credential.").max(MAX_SELECTED),
  }),
  // "What the filter shows": the list's own filter.
  z.object({ kind: z.literal("filter"), filter: credentialFilterSchema }),
]);
export type RunScope = z.output<typeof runScopeSchema>;

export const startRunSchema = z.object({ scope: runScopeSchema });

export const runStates = ["running", "cancelled", "done", "failed"] as const;
export type RunState = (typeof runStates)[number];

export const itemStates = ["pending", "running", "done", "cancelled", "skipped"] as const;
export type ItemState = (typeof itemStates)[number];

/** What an item's check found; the same words as a credential's health. */
export const itemStatusSchema = healthStatusSchema.extract(["working", "token_fails", "org_fails"]);
export type ItemStatus = z.infer<typeof itemStatusSchema>;

export const runCountsSchema = z.object({
  pending: z.number(),
  running: z.number(),
  working: z.number(),
  token_fails: z.number(),
  org_fails: z.number(),
  skipped: z.number(),
  cancelled: z.number(),
});
export type RunCounts = z.infer<typeof runCountsSchema>;

export const runDtoSchema = z.object({
  id: z.string(),
  startedBy: z.object({ id: z.string(), name: z.string().nullable() }),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  state: z.enum(runStates),
  scope: runScopeSchema,
  total: z.number(),
  counts: runCountsSchema,
  /** Items that reached an end (tested, skipped or cancelled). */
  done: z.number(),
  /** Seconds left at the pace so far, an item in flight past a typical one's time counted until its deadline; null before the first item lands or once the run ended. */
  etaSeconds: z.number().nullable(),
  reason: z.string().nullable(),
});
export type RunDto = z.infer<typeof runDtoSchema>;

export const runItemDtoSchema = z.object({
  credentialId: z.string(),
  label: z.string(),
  issuer: z.string(),
  state: z.enum(itemStates),
  status: itemStatusSchema.nullable(),
  org: z.object({ id: z.string(), name: z.string() }).nullable(),
  code: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type RunItemDto = z.infer<typeof runItemDtoSchema>;

export const runDetailSchema = z.object({ run: runDtoSchema, items: z.array(runItemDtoSchema) });
export type RunDetail = z.infer<typeof runDetailSchema>;

/** Server-Sent Events of GET /api/runs/:id/events. */
export const runProgressEventSchema = runDtoSchema.pick({ counts: true, done: true, total: true, etaSeconds: true, state: true });
export type RunProgressEvent = z.infer<typeof runProgressEventSchema>;
export const runItemEventSchema = runItemDtoSchema.pick({
  credentialId: true,
  label: true,
  status: true,
  org: true,
  code: true,
  state: true,
});
export type RunItemEvent = z.infer<typeof runItemEventSchema>;

export const runIdParamsSchema = z.object({ id: z.uuid("Not a run id.") });

/** GET /api/runs: the latest runs, and the one in progress (the list page shows it on open). */
export const runsResponseSchema = z.object({ items: z.array(runDtoSchema), active: runDtoSchema.nullable() });
export type RunsResponse = z.infer<typeof runsResponseSchema>;
