import "server-only";
import { z } from "zod";
import { apiErrorStatus, type ApiErrorBody } from "@/lib/api-error";

// The one error shape (lib/api-error.ts) as a schema, for the API reference: the browser checks it by hand instead,
// so `satisfies` keeps the two from drifting apart.

const serverCodes = Object.keys(apiErrorStatus).filter((code) => code !== "network") as [string, ...string[]];

export const apiErrorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(serverCodes).describe("What went wrong; the HTTP status follows from it."),
      message: z.string().describe("For a person: what happened."),
      hint: z.string().optional().describe("For a person: what to do about it."),
      fields: z.record(z.string(), z.array(z.string())).optional().describe("With validation_failed: messages by dotted field path."),
      requestId: z.string().optional().describe("Names the request in the server's log and the audit log."),
      retryAfterSeconds: z.number().int().min(0).optional().describe("With rate_limited: also sent as Retry-After."),
      conflict: z
        .object({ credentialId: z.string(), version: z.number().int(), label: z.string() })
        .optional()
        .describe("With conflict on admin routes: the credential the request collided with."),
    }),
  })
  .describe("Every error answer, whatever the route.") satisfies z.ZodType<ApiErrorBody>;
