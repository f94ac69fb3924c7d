import { z } from "@/lib/zod";
import { credentialListItemSchema } from "./credential";
import { diagnosisSchema, signatureStates, tokenKinds, zitadelClaimsSchema } from "./diagnostics";
import { introspectionClaimsSchema, introspectionOutcomes } from "./introspection";
import { authorityRefSchema, authoritySchema, zitadelOrgSchema } from "./provisioning";

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

/** What one search box holds: a token goes to the token lookup, a numeric id and anything else to the user lookup. */
export type LookupQueryKind = "token" | "user_id" | "login_name";

// A ZITADEL opaque token or PAT is a long base64url string; a login name is shorter or has an "@" or a space.
const JWT_SHAPE = /^eyJ[\w-]*(\.[\w-]*){2,4}$/;
const OPAQUE_SHAPE = /^[\w\-.~+/]{60,}=*$/;

export function classifyLookupQuery(query: string): LookupQueryKind {
  const value = query.trim();
  if (/^\d{1,30}$/.test(value)) return "user_id";
  if (JWT_SHAPE.test(value) || OPAQUE_SHAPE.test(value)) return "token";
  return "login_name";
}

/** POST /api/lookup/user */
export const userLookupRequestSchema = z
  .object({
    query: z
      .string({ error: "Enter a client ID, login name or user ID." })
      .trim()
      .min(1, "Enter a client ID, login name or user ID.")
      .max(200, "A login name has at most 200 characters.")
      .refine((value) => classifyLookupQuery(value) !== "token", "This looks like a token: look it up as a token instead."),
    /** Whose ZITADEL permissions to read with; the operator's own when it can, else the issuer's provisioner. */
    authority: authorityRefSchema.optional(),
  })
  .strict();
export type UserLookupRequest = z.output<typeof userLookupRequestSchema>;

export const userKeyInfoSchema = z.object({ id: z.string(), expiresAt: z.string().nullable() });
export type UserKeyInfo = z.infer<typeof userKeyInfoSchema>;

export const userMembershipInfoSchema = z.object({
  scope: z.enum(["org", "instance", "project"]),
  id: z.string().nullable(),
  name: z.string().nullable(),
  roles: z.array(z.string()),
});
export type UserMembershipInfo = z.infer<typeof userMembershipInfoSchema>;

export const userGrantInfoSchema = z.object({
  id: z.string(),
  projectId: z.string().nullable(),
  projectName: z.string().nullable(),
  roles: z.array(z.string()),
  isActive: z.boolean(),
  orgName: z.string().nullable(),
});
export type UserGrantInfo = z.infer<typeof userGrantInfoSchema>;

/** A list ZITADEL would not give this authority: null, with why in `unread`. */
export const lookedUpUserSchema = z.object({
  id: z.string(),
  loginName: z.string(),
  state: z.enum(["active", "inactive", "locked", "other"]),
  isMachine: z.boolean(),
  hasSecret: z.boolean(),
  org: zitadelOrgSchema.nullable(),
  keys: z.array(userKeyInfoSchema).nullable(),
  pats: z.array(userKeyInfoSchema).nullable(),
  memberships: z.array(userMembershipInfoSchema).nullable(),
  grants: z.array(userGrantInfoSchema).nullable(),
  unread: z.array(z.object({ what: z.string(), diagnosis: diagnosisSchema })),
});
export type LookedUpUser = z.infer<typeof lookedUpUserSchema>;

export const userLookupOutcomes = ["found", "not_found", "not_asked", "failed"] as const;

export const userLookupResultSchema = z.object({
  query: z.string(),
  queryKind: z.enum(["user_id", "login_name"]),
  /** Where ZITADEL was asked, or would be. */
  issuer: z.string().nullable(),
  /** The authority that read it; null when none was used. */
  authority: authoritySchema.nullable(),
  /** What this operator may choose from (none for a viewer). */
  authorities: z.array(authoritySchema),
  outcome: z.enum(userLookupOutcomes),
  /** Why ZITADEL was not asked, or did not answer: in plain words. */
  note: z.string().nullable(),
  problem: diagnosisSchema.nullable(),
  user: lookedUpUserSchema.nullable(),
  /** What is wrong with the user, most urgent first, in the credential page's vocabulary. */
  findings: z.array(diagnosisSchema),
  credentials: z.array(credentialListItemSchema),
});
export type UserLookupResult = z.infer<typeof userLookupResultSchema>;
