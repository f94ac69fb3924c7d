import { z } from "@/lib/zod";
import { scopesSchema } from "./credential";

// What the browser receives from a token test or an org lookup. Never a raw token or secret: metadata,
// a masked form, a fingerprint, and a plain-language diagnosis when something failed.

export const diagnosisCodes = [
  "client_not_found",
  "invalid_secret",
  "secret_not_ready",
  "user_inactive",
  "openid_required",
  "scope_missing",
  "basic_auth_malformed",
  "multiple_auth_methods",
  "request_rejected",
  "token_invalid",
  "missing_permission",
  "org_not_found",
  "instance_not_found",
  "issuer_mismatch",
  "discovery_failed",
  "no_secret",
  "secret_unreadable",
  "dns",
  "tls",
  "refused",
  "network",
  "closed_before_answer",
  "answer_interrupted",
  "timeout",
  "cancelled",
  "redirect",
  "not_json",
  "too_large",
  "bad_response",
  "server_error",
  "blocked_address",
  "rate_limited",
  "unknown",
  "jwt_profile_rejected",
  "pat_expired",
  // introspection (POST …/introspect)
  "token_inactive",
  "introspection_client_rejected",
  "introspection_token_missing",
  "introspection_client_unreadable",
  // provisioning (Management API writes)
  "provisioning_forbidden",
  "provisioning_token_expired",
  "user_exists",
  "user_not_found",
] as const;

export const diagnosisCodeSchema = z.enum(diagnosisCodes);

export const diagnosisCheckIds = ["audience", "clock", "key_expiry", "key_ids"] as const;
export const diagnosisCheckResults = ["passed", "failed", "not_checked"] as const;

/** One likely cause: "failed" means the console found this problem itself; "passed" rules it out as far as it can tell. */
function diagnosisCheckSchema() {
  return z.object({
    id: z.enum(diagnosisCheckIds),
    cause: z.string(),
    result: z.enum(diagnosisCheckResults),
    detail: z.string(),
  });
}
export type DiagnosisCheck = z.infer<ReturnType<typeof diagnosisCheckSchema>>;
export type DiagnosisCode = z.infer<typeof diagnosisCodeSchema>;

export const diagnosisSchema = z.object({
  code: diagnosisCodeSchema,
  title: z.string(),
  explanation: z.string(),
  fix: z.string(),
  httpStatus: z.number().int().optional(),
  /** The OAuth `error` (or ZITADEL error id) and a truncated description; never a raw body. */
  upstreamError: z.object({ error: z.string().max(100), description: z.string().max(200).optional() }).optional(),
  retryable: z.boolean(),
  /** For rate_limited: the wait ZITADEL asked for in Retry-After, in seconds. */
  retryAfterSeconds: z.number().int().min(0).max(86_400).optional(),
  /** The likely causes, most likely first, each with what the console could check on its own (jwt_profile_rejected). */
  checks: z.array(diagnosisCheckSchema()).optional(),
  /** The request that made it (its log line and audit row carry the same id); kept with the check in the history. */
  requestId: z.string().max(64).optional(),
});
export type Diagnosis = z.infer<typeof diagnosisSchema>;

export const MAX_OTHER_FIELDS = 20;

/** A field of an issuer's answer that ZITADEL does not define there: named and sized, its value never shown. */
export const otherFieldSchema = z.object({
  name: z.string().max(60),
  type: z.enum(["string", "number", "boolean", "null", "array", "object"]),
  /** Characters of a string, items of an array, fields of an object. */
  size: z.number().int().nonnegative().optional(),
});
export type OtherField = z.infer<typeof otherFieldSchema>;

export const transcriptSchema = z.object({
  request: z.object({
    method: z.string(),
    url: z.string(),
    headers: z.array(z.tuple([z.string(), z.string()])),
    body: z.string(),
    /** A JWT-profile request: the assertion's decoded header and claims (the signed assertion itself is redacted). */
    assertion: z.object({ header: z.record(z.string(), z.unknown()), claims: z.record(z.string(), z.unknown()) }).optional(),
  }),
  response: z
    .object({
      status: z.number().int(),
      contentType: z.string().nullable(),
      /** The fields ZITADEL defines for this answer as JSON (tokens masked, text cut short), or why it is not shown. */
      body: z.string(),
      otherFields: z.array(otherFieldSchema).max(MAX_OTHER_FIELDS),
      /** How many other fields there were, listed or not. */
      otherFieldsTotal: z.number().int().nonnegative(),
      latencyMs: z.number(),
    })
    .optional(),
});
export type Transcript = z.infer<typeof transcriptSchema>;

export const tokenKinds = ["opaque", "jwt", "encrypted"] as const;
export const signatureStates = ["verified", "unverified", "not_applicable"] as const;

const claimsSchema = z.record(z.string(), z.unknown());

export const roleGrantSchema = z.object({
  projectId: z.string(),
  role: z.string(),
  orgs: z.array(z.object({ id: z.string(), domain: z.string() })),
});
export type RoleGrant = z.infer<typeof roleGrantSchema>;

export const zitadelClaimsSchema = z.object({
  resourceOwnerId: z.string().optional(),
  resourceOwnerName: z.string().optional(),
  resourceOwnerDomain: z.string().optional(),
  roles: z.array(roleGrantSchema).optional(),
});
export type ZitadelClaims = z.infer<typeof zitadelClaimsSchema>;

export const idTokenInfoSchema = z.object({
  claims: claimsSchema,
  signature: z.enum(signatureStates),
  remarks: z.array(z.string()),
});

export const tokenMetadataSchema = z.object({
  tokenType: z.string(),
  expiresIn: z.number().int(),
  expiresAt: z.string(),
  kind: z.enum(tokenKinds),
  fingerprint: z.string(),
  masked: z.string(),
  length: z.number().int(),
  audience: z.array(z.string()),
  scopesRequested: z.array(z.string()),
  header: claimsSchema.optional(),
  claims: claimsSchema.optional(),
  signature: z.enum(signatureStates),
  signatureNote: z.string().optional(),
  zitadel: zitadelClaimsSchema,
  idToken: idTokenInfoSchema.optional(),
});
export type TokenMetadata = z.infer<typeof tokenMetadataSchema>;

/**
 * What a token test shows for a personal access token: it is not exchanged, so this is the PAT as the console holds it,
 * judged without calling ZITADEL (a JWT's claims are decoded, not verified). The org lookup is its live check.
 */
export const patMetadataSchema = z.object({
  kind: z.enum(tokenKinds),
  fingerprint: z.string(),
  masked: z.string(),
  length: z.number().int(),
  /** From a JWT PAT's exp, or the expiry the console learnt otherwise; null when unknown. */
  expiresAt: z.string().nullable(),
  audience: z.array(z.string()),
  header: claimsSchema.optional(),
  claims: claimsSchema.optional(),
  signature: z.enum(signatureStates),
  signatureNote: z.string().optional(),
  zitadel: zitadelClaimsSchema,
});
export type PatMetadata = z.infer<typeof patMetadataSchema>;

export const tokenTestResultSchema = z.object({
  /** Absent or "exchange": a token was requested from ZITADEL. "pat": a PAT, described without calling ZITADEL. */
  source: z.enum(["exchange", "pat"]).optional(),
  outcome: z.enum(["ok", "failed"]),
  /** True when the token came from the encrypted cache instead of a new exchange. */
  cached: z.boolean(),
  /** When the token was obtained (or the attempt failed). */
  obtainedAt: z.string(),
  latencyMs: z.number().nullable(),
  httpStatus: z.number().int().nullable(),
  token: tokenMetadataSchema.optional(),
  /** source "pat" only. */
  pat: patMetadataSchema.optional(),
  diagnosis: diagnosisSchema.optional(),
  transcript: transcriptSchema.nullable(),
  curl: z.string(),
});
export type TokenTestResult = z.infer<typeof tokenTestResultSchema>;

export const orgStates = ["active", "inactive", "removed", "unspecified", "unknown"] as const;

export const orgSchema = z.object({
  id: z.string(),
  name: z.string(),
  primaryDomain: z.string(),
  state: z.enum(orgStates),
  creationDate: z.string().nullable(),
  changeDate: z.string().nullable(),
});
export type Org = z.infer<typeof orgSchema>;

export const orgLookupResultSchema = z.object({
  outcome: z.enum(["ok", "failed"]),
  org: orgSchema.optional(),
  latencyMs: z.number().nullable(),
  tokenCached: z.boolean(),
  tokenExpiresAt: z.string().optional(),
  diagnosis: diagnosisSchema.optional(),
  checkedAt: z.string(),
  curl: z.string(),
  /** Present when a page's own lookup got a recent result again instead of a live one: how old it is, in seconds. */
  reusedAgeSeconds: z.number().int().min(0).optional(),
});
export type OrgLookupResult = z.infer<typeof orgLookupResultSchema>;

/** Body of POST …/token: an optional scope override (space-separated, as OAuth writes it). */
export const tokenTestRequestSchema = z.object({
  // The same rules as a credential's scopes: an empty override is refused, not sent as "no scopes".
  scopes: scopesSchema.transform((value) => value.split(" ")).optional(),
});

/** One row of a credential's test history (GET …/tests): who ran what and what came back, nothing more. */
export const testHistoryItemSchema = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.enum(["token", "org"]),
  operator: z.string(),
  outcome: z.string(),
  httpStatus: z.number().nullable(),
  latencyMs: z.number().nullable(),
  orgId: z.string().nullable(),
  orgName: z.string().nullable(),
  cached: z.boolean(),
});
export type TestHistoryItem = z.infer<typeof testHistoryItemSchema>;

export const testHistorySchema = z.object({ items: z.array(testHistoryItemSchema) });
export type TestHistory = z.infer<typeof testHistorySchema>;

export const testHistoryQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) });

/** GET …/token: the token the console holds for the credential's own scopes, metadata only, and which use case got it. */
export const heldTokenSchema = z.object({
  token: tokenMetadataSchema,
  obtainedAt: z.string(),
  obtainedBy: z.enum(["token_test", "org_lookup", "api_call"]),
});
export type HeldToken = z.infer<typeof heldTokenSchema>;
export const heldTokenAnswerSchema = z.object({ heldToken: heldTokenSchema.nullable() });
export type HeldTokenAnswer = z.infer<typeof heldTokenAnswerSchema>;

/** Answer of the audited reveal (POST …/token/reveal): the full cached access token, shown once. */
export const revealedTokenSchema = z.object({
  accessToken: z.string(),
  tokenType: z.string(),
  expiresAt: z.string(),
  fingerprint: z.string(),
});
export type RevealedToken = z.infer<typeof revealedTokenSchema>;
