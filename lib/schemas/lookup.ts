import { z } from "@/lib/zod";
import { credentialListItemSchema } from "./credential";
import { diagnosisSchema, signatureStates, tokenKinds, zitadelClaimsSchema } from "./diagnostics";
import { introspectionClaimsSchema, introspectionOutcomes } from "./introspection";

// Token lookup: support pastes an access token a customer sent and learns whose it is and whether ZITADEL still
// accepts it. Browser-safe. The answer never carries the token, only its fingerprint.

/** A ZITADEL token is well under 16 kB; anything longer is not one. */
export const MAX_LOOKUP_TOKEN_CHARS = 16_384;

/** POST /api/lookup/token */
export const tokenLookupRequestSchema = z
  .object({
    token: z
      .string({ error: "Paste an access token." })
      .trim()
      .min(1, "Paste an access token.")
      .max(MAX_LOOKUP_TOKEN_CHARS, "This is too long for an access token.")
      .refine((value) => !/\s/.test(value), "An access token has no spaces or line breaks inside it."),
    issuer: z.string().trim().max(300, "The issuer URL is too long.").optional(),
  })
  .strict();
export type TokenLookupRequest = z.output<typeof tokenLookupRequestSchema>;

/** Whose token it is, from the verified (or, when marked, unverified) claims and the introspection answer. */
export const tokenSubjectSchema = z.object({
  userId: z.string().nullable(),
  clientId: z.string().nullable(),
  username: z.string().nullable(),
  orgId: z.string().nullable(),
  orgName: z.string().nullable(),
  orgDomain: z.string().nullable(),
});
export type TokenSubject = z.infer<typeof tokenSubjectSchema>;

export const tokenIntrospectionSchema = z.discriminatedUnion("configured", [
  z.object({ configured: z.literal(false), hint: z.string() }),
  z.object({
    configured: z.literal(true),
    outcome: z.enum(introspectionOutcomes),
    claims: introspectionClaimsSchema.nullable(),
    diagnosis: diagnosisSchema.nullable(),
  }),
]);

/** yes/no per introspection; unknown when the console cannot ask ZITADEL (no introspection client) or the call failed. */
export const acceptedStates = ["yes", "no", "unknown"] as const;

export const tokenLookupResultSchema = z.object({
  issuer: z.string(),
  kind: z.enum(tokenKinds),
  fingerprint: z.string(),
  signature: z.enum(signatureStates),
  signatureNote: z.string().nullable(),
  header: z.record(z.string(), z.unknown()).nullable(),
  claims: z.record(z.string(), z.unknown()).nullable(),
  zitadel: zitadelClaimsSchema,
  subject: tokenSubjectSchema,
  expiresAt: z.string().nullable(),
  accepted: z.enum(acceptedStates),
  /** One sentence: accepted, or why not, or why the console cannot tell. */
  verdict: z.string(),
  introspection: tokenIntrospectionSchema,
  credentials: z.array(credentialListItemSchema),
});
export type TokenLookupResult = z.infer<typeof tokenLookupResultSchema>;
