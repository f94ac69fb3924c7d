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
  "token.reveal",
  "key.rotate",
  "access.denied",
  "access.rate_limited",
  "operator.update",
] as const;
export type AuditAction = (typeof auditActions)[number];

export const listAuditQuerySchema = z.object({
  credentialId: z.uuid("Not a credential id.").optional().or(z.literal("").transform(() => undefined)),
  action: z.string().trim().max(64).optional().transform((value) => value || undefined),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional().transform((value) => value || null),
});
export type ListAuditQueryInput = z.input<typeof listAuditQuerySchema>;
export type ListAuditQuery = z.output<typeof listAuditQuerySchema>;

export const auditEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  actorName: z.string().nullable(),
  action: z.enum(auditActions).or(z.string()),
  credentialId: z.string().nullable(),
  issuer: z.string().nullable(),
  clientId: z.string().nullable(),
  outcome: z.enum(["success", "failure", "denied"]),
  httpStatus: z.number().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const auditPageSchema = z.object({
  items: z.array(auditEventSchema),
  total: z.number(),
  nextCursor: z.string().nullable(),
});
export type AuditPage = z.infer<typeof auditPageSchema>;
