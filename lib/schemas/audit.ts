import { operatorKinds } from "@/lib/roles";
import { z } from "@/lib/zod";

// The audit log as the API answers it: who did what to which credential, and how it went. Never a secret.

/** Every action the console records; the store and the audit page know no others. */
export const auditActions = [
  "login.success",
  "login.failure",
  "logout",
  "credential.create",
  "credential.import",
  "credential.update",
  "credential.secret.replace",
  "credential.delete",
  "token.test",
  "org.lookup",
  "credential.api_call",
  "token.reveal",
  "key.rotate",
  "access.denied",
  "access.rate_limited",
  "operator.update",
  "operator.sessions_end",
  "introspection_client.create",
  "introspection_client.delete",
  "credential.introspect",
  "token.lookup",
  "user.lookup",
  "alert.sent",
  "alert.failed",
  "alert.test",
  "run.start",
  "run.cancel",
  "run.interrupt",
  "zitadel.call",
  "provisioning.create",
  "provisioning.resume",
  "provisioning.secret_offer",
  "credential.zitadel_action",
  "provisioner.register",
  "provisioner.remove",
  "share_link.create",
  "share_link.revoke",
] as const;
export type AuditAction = (typeof auditActions)[number];

/**
 * Who started an org lookup: the credential page's own lookup (on open, on focus, every 30 s) or an operator's
 * click. The audit log marks the automatic ones, so a page left open is not mistaken for someone at work.
 */
export const orgLookupRequestSchema = z.object({ trigger: z.enum(["auto", "operator"]).default("operator") });
export type OrgLookupTrigger = z.output<typeof orgLookupRequestSchema>["trigger"];

export const auditOutcomes = ["success", "failure", "denied"] as const;
export type AuditOutcomeValue = (typeof auditOutcomes)[number];

// An empty query parameter (a filter left at "any") means no filter.
const emptyAsUndefined = (value: unknown) => (value === "" ? undefined : value);
const instant = (message: string) => z.preprocess(emptyAsUndefined, z.iso.datetime({ offset: true, message }).optional());

export const listAuditQuerySchema = z
  .object({
    credentialId: z
      .uuid("Not a credential id.")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    action: z.preprocess(emptyAsUndefined, z.enum(auditActions, "Not a recorded action.").optional()),
    actor: z.preprocess(emptyAsUndefined, z.string().trim().max(200).optional()),
    outcome: z.preprocess(emptyAsUndefined, z.enum(auditOutcomes, "Outcome is success, failure or denied.").optional()),
    from: instant("From is an ISO 8601 date-time, e.g. 2026-03-03T10:00:00Z."),
    to: instant("To is an ISO 8601 date-time, e.g. 2026-03-03T11:00:00Z."),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z
      .string()
      .max(500)
      .optional()
      .transform((value) => value || null),
  })
  .refine((query) => !query.from || !query.to || Date.parse(query.from) <= Date.parse(query.to), {
    message: "From must not be after to.",
    path: ["to"],
  });
export type ListAuditQuery = z.output<typeof listAuditQuerySchema>;

export const auditEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  actorName: z.string().nullable(),
  /** "machine" for a service user that called with a bearer token; "person" for an operator; null for the system. */
  actorKind: z.enum(operatorKinds).nullable(),
  action: z.enum(auditActions).or(z.string()),
  credentialId: z.string().nullable(),
  issuer: z.string().nullable(),
  clientId: z.string().nullable(),
  outcome: z.enum(["success", "failure", "denied"]),
  httpStatus: z.number().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
  /** Whether the credential this entry names still exists, so the page links only to credentials it can open. */
  credentialExists: z.boolean(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const auditPageSchema = z.object({
  items: z.array(auditEventSchema),
  total: z.number(),
  nextCursor: z.string().nullable(),
});
export type AuditPage = z.infer<typeof auditPageSchema>;
