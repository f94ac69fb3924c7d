import { operatorKinds, roleSources, roles } from "@/lib/roles";
import { z } from "@/lib/zod";

// The schemas of roles and operators; the role table itself is lib/roles.

export * from "@/lib/roles";

export const roleSchema = z.enum(roles);

// The signed-in operator as the browser sees it.
export const meSchema = z.object({
  id: z.string(),
  name: z.string(),
  login: z.string().nullable(),
  email: z.string().nullable(),
  role: roleSchema.nullable(),
});
export type Me = z.infer<typeof meSchema>;

export const operatorDtoSchema = z.object({
  id: z.string(),
  /** A person signs in with the browser; a machine is a ZITADEL service user calling with a bearer token. */
  kind: z.enum(operatorKinds),
  name: z.string(),
  login: z.string().nullable(),
  email: z.string().nullable(),
  role: roleSchema.nullable(),
  signInRole: roleSchema.nullable(),
  roleSource: z.enum(roleSources).nullable(),
  roleCap: roleSchema.nullable(),
  isDisabled: z.boolean(),
  lastSignInAt: z.string().nullable(),
  /** A machine's organization in ZITADEL (its name, else its id). */
  org: z.string().nullable(),
  /** When a machine's bearer token was last checked with ZITADEL (at most BEARER_CACHE_SECONDS behind its last call). */
  lastSeenAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
  version: z.number().int(),
  /** Sessions open now (signed in, neither ended nor expired). */
  liveSessions: z.number().int().nonnegative(),
});
export type OperatorDto = z.infer<typeof operatorDtoSchema>;

export const operatorListSchema = z.object({ items: z.array(operatorDtoSchema) });
export type OperatorList = z.infer<typeof operatorListSchema>;

export const updateOperatorSchema = z
  .strictObject({
    version: z.number().int().min(1),
    roleCap: roleSchema.nullable().optional(),
    isDisabled: z.boolean().optional(),
  })
  .refine((value) => value.roleCap !== undefined || value.isDisabled !== undefined, "Change the role cap or the status.");
export type UpdateOperator = z.infer<typeof updateOperatorSchema>;

export const operatorParamsSchema = z.object({ id: z.string().min(1).max(200) });

/** One open session of an operator, as an admin sees it: when it opened and ends, never anything that opens it. */
export const operatorSessionSchema = z.object({ id: z.string(), createdAt: z.string(), expiresAt: z.string() });

export const operatorSessionListSchema = z.object({ items: z.array(operatorSessionSchema) });
export type OperatorSessionList = z.infer<typeof operatorSessionListSchema>;

export const endedSessionsSchema = z.object({ ended: z.number().int().nonnegative() });
export type EndedSessions = z.infer<typeof endedSessionsSchema>;

export const operatorSessionParamsSchema = operatorParamsSchema.extend({ sessionId: z.string().min(1).max(64) });
