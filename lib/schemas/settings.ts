import { z } from "@/lib/zod";
import { runStates } from "./runs";

// What Settings shows of the background features the environment turns on: whether alerts and scheduled checks are
// on, and what they do. Never the webhook's URL (a Slack webhook URL is itself a secret) nor its signing secret.

export const alertSettingsSchema = z.object({
  enabled: z.boolean(),
  /** The receiver's origin only; the path and query may carry a token. */
  receiverOrigin: z.string().nullable(),
  format: z.enum(["json", "slack"]),
  signed: z.boolean(),
  /** Alerts waiting in the outbox for their receiver. */
  pending: z.number().int().min(0),
});

export const scheduledCheckSettingsSchema = z.object({
  enabled: z.boolean(),
  everyMinutes: z.number().int().nullable(),
  /** Only credentials with this tag; null = all. */
  tag: z.string().nullable(),
  lastRun: z.object({ id: z.string(), startedAt: z.string(), state: z.enum(runStates), total: z.number().int() }).nullable(),
});

export const settingsSchema = z.object({
  alerts: alertSettingsSchema,
  scheduledChecks: scheduledCheckSettingsSchema,
  health: z.object({ staleAfterHours: z.number().int(), expiryWarningDays: z.number().int() }),
});
export type Settings = z.infer<typeof settingsSchema>;

export const testAlertResultSchema = z.object({
  delivered: z.boolean(),
  /** The receiver's answer; null when none came. */
  httpStatus: z.number().int().nullable(),
  /** Why it was not delivered, in a word (receiver_unreachable, receiver_refused, …); null when delivered. */
  reason: z.string().nullable(),
});
export type TestAlertResult = z.infer<typeof testAlertResultSchema>;
