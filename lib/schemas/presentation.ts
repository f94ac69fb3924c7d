import { z } from "@/lib/zod";
import { diagnosisSchema, orgLookupResultSchema, tokenTestResultSchema } from "./diagnostics";

// What the presenter view replays: the latest recorded check of a credential (for anyone who may read it, so a viewer
// can present too) and the failures "Break it" can show. Only the redacted results the diagnostics panels already get.

/** Where in the flow a check stops: at the token endpoint or at the API (orgs/me). */
export const flowStageSchema = z.enum(["token", "api"]);
export type FlowStage = z.infer<typeof flowStageSchema>;

export const recordedCheckSchema = z.object({
  at: z.string(),
  by: z.string(),
  /** The token part; for a good exchange the result the console kept with the token it holds, else rebuilt from the history. */
  tokenTest: tokenTestResultSchema.nullable(),
  /** The API part, when the latest check reached orgs/me (or was an org lookup). */
  orgLookup: orgLookupResultSchema.nullable(),
});
export type RecordedCheck = z.infer<typeof recordedCheckSchema>;

export const breakScenarioSchema = z.object({
  id: z.string(),
  label: z.string(),
  /** The bundled emulator's demo user that fails this way ("latest" for this credential's own latest failure). */
  demoClientId: z.string().nullable(),
  stage: flowStageSchema,
  httpStatus: z.number().int().nullable(),
  diagnosis: diagnosisSchema,
  at: z.string().optional(),
});
export type BreakScenario = z.infer<typeof breakScenarioSchema>;

export const presentationSchema = z.object({
  /** The credential's scopes, each with what it adds to the token. */
  scopes: z.array(z.object({ scope: z.string(), meaning: z.string() })),
  recorded: recordedCheckSchema.nullable(),
  /** This credential's latest failure first (when it has one), then the emulator's demo failures. */
  scenarios: z.array(breakScenarioSchema),
});
export type Presentation = z.infer<typeof presentationSchema>;
