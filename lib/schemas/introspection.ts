import { z } from "@/lib/zod";
import { clientSecretSchema, issuerSchema, wellFormed } from "./credential";
import { diagnosisSchema, transcriptSchema } from "./diagnostics";

// Introspection: the application (one per issuer) the console asks ZITADEL "is this token active?" with, and what
// that answer looks like in the browser. Browser-safe: no server imports. The client's secret or key is write-only.

export const introspectionMethods = ["client_secret", "private_key_jwt"] as const;
export type IntrospectionMethod = (typeof introspectionMethods)[number];

/** A key file is a few kilobytes of JSON (a 4096-bit RSA key in PEM is about 3.3 kB). */
export const MAX_KEY_FILE_CHARS = 16_384;

const CONTROL_CHARS = /[\x00-\x1F\x7F]/;

const appClientIdSchema = z
  .string({ error: "Enter the application's client ID." })
  .trim()
  .min(1, "Enter the application's client ID (Projects → your project → Applications → the API app).")
  .max(200, "Keep the client ID to 200 characters.")
  .refine((value) => !CONTROL_CHARS.test(value), "The client ID must not contain control characters.")
  .refine(...wellFormed("client ID"));

const keyFileSchema = z
  .string({ error: "Paste the application's key file (JSON)." })
  .trim()
  .min(1, "Paste the application's key file (JSON).")
  .max(MAX_KEY_FILE_CHARS, "This is too long for a key file.");

/**
 * POST /api/introspection-clients: `{ issuer, clientId, clientSecret }` (client_secret_basic) or `{ issuer, keyFile }`
 * (private_key_jwt with an API application's key file). Parsed as one object so each field gets its own message.
 */
export const createIntrospectionClientSchema = z
  .object({
    issuer: issuerSchema,
    clientId: z.unknown().optional(),
    clientSecret: z.unknown().optional(),
    keyFile: z.unknown().optional(),
  })
  .strict()
  .transform((body, ctx) => {
    const field = <T>(schema: z.ZodType<T>, value: unknown, path: string): T => {
      const parsed = schema.safeParse(value);
      if (parsed.success) return parsed.data;
      for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: [path] });
      return z.NEVER;
    };
    if (body.keyFile !== undefined) {
      if (body.clientId !== undefined || body.clientSecret !== undefined) {
        ctx.addIssue({ code: "custom", message: "Send a key file or a client ID and secret, not both.", path: ["keyFile"] });
        return z.NEVER;
      }
      return { method: "private_key_jwt" as const, issuer: body.issuer, keyFile: field(keyFileSchema, body.keyFile, "keyFile") };
    }
    return {
      method: "client_secret" as const,
      issuer: body.issuer,
      clientId: field(appClientIdSchema, body.clientId, "clientId"),
      clientSecret: field(clientSecretSchema, body.clientSecret, "clientSecret"),
    };
  });
export type CreateIntrospectionClientInput =
  { issuer: string; clientId: string; clientSecret: string } | { issuer: string; keyFile: string };
export type CreateIntrospectionClient = z.output<typeof createIntrospectionClientSchema>;

export const introspectionClientParamsSchema = z.object({ id: z.uuid("Not an introspection client id.") });

export const deleteIntrospectionClientQuerySchema = z.object({
  version: z.coerce
    .number({ error: "Send the version you saw, e.g. ?version=1." })
    .int("The version is a whole number.")
    .positive("The version is a positive number."),
});

/** What the API tells about an introspection client: never its secret or key. */
export const introspectionClientSchema = z.object({
  id: z.string(),
  issuer: z.string(),
  method: z.enum(introspectionMethods),
  clientId: z.string(),
  keyId: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type IntrospectionClient = z.infer<typeof introspectionClientSchema>;

export const introspectionClientListSchema = z.object({ items: z.array(introspectionClientSchema) });
export type IntrospectionClientList = z.infer<typeof introspectionClientListSchema>;

/** The introspection answer's claims, renamed to the console's spelling; ZITADEL's private claims only where named. */
export const introspectionClaimsSchema = z.object({
  active: z.boolean(),
  scope: z.string().optional(),
  clientId: z.string().optional(),
  tokenType: z.string().optional(),
  exp: z.number().optional(),
  iat: z.number().optional(),
  sub: z.string().optional(),
  aud: z.array(z.string()).optional(),
  username: z.string().optional(),
  resourceOwnerId: z.string().optional(),
  iss: z.string().optional(),
});
export type IntrospectionClaims = z.infer<typeof introspectionClaimsSchema>;

export const introspectionOutcomes = ["active", "inactive", "failed"] as const;

/** POST /api/credentials/:id/introspect */
export const introspectionResultSchema = z.discriminatedUnion("configured", [
  z.object({ configured: z.literal(false) }),
  z.object({
    configured: z.literal(true),
    outcome: z.enum(introspectionOutcomes),
    at: z.string(),
    latencyMs: z.number().nullable(),
    httpStatus: z.number().int().nullable(),
    claims: introspectionClaimsSchema.nullable(),
    diagnosis: diagnosisSchema.nullable(),
    transcript: transcriptSchema.nullable(),
  }),
]);
export type IntrospectionResult = z.infer<typeof introspectionResultSchema>;
