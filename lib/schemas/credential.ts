import { z } from "@/lib/zod";
import { healthSchema, healthStatusSchema } from "./health";
import { keyFileSchema } from "./key-file";

// One set of schemas for the credential API: the forms validate with them inline, the handlers parse with them.
// Browser-safe: no server imports.

export const DEFAULT_SCOPES = "openid profile urn:zitadel:iam:org:project:id:zitadel:aud";
export const MAX_TAGS = 20;
export const authMethods = ["basic", "post"] as const;
/** How the service user authenticates: client secret, private key (JWT profile) or personal access token. */
export const credentialKinds = ["client_secret", "jwt_profile", "pat"] as const;
export const credentialKindSchema = z.enum(credentialKinds);
export type CredentialKind = z.infer<typeof credentialKindSchema>;
export const expiryStates = ["valid", "expires_soon", "expired"] as const;
export const credentialSorts = ["label", "issuer", "clientId", "createdAt", "updatedAt", "lastChecked"] as const;

// RFC 6749 §3.3 scope-token: printable ASCII without space, `"` and `\`.
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;
const TAG = /^[a-z0-9][a-z0-9_-]{0,31}$/;
const ORG_ID = /^\d{1,32}$/;
const CONTROL_CHARS = /[\x00-\x1F\x7F]/;

/**
 * Refuses text that is not well-formed Unicode (a lone UTF-16 surrogate such as "\ud800"): UTF-8 cannot encode it,
 * so it would be stored and sent as U+FFFD, silently altered. For every free-text field.
 */
export function wellFormed(field: string): [(value: string) => boolean, string] {
  return [
    (value) => value.isWellFormed(),
    `The ${field} contains a broken character (half of a UTF-16 surrogate pair); type or paste it again.`,
  ];
}

/** Normalizes an issuer to its origin (`https://acme.zitadel.cloud/` → `https://acme.zitadel.cloud`). */
export const issuerSchema = z
  .string({ error: "Enter the issuer URL." })
  .trim()
  .min(1, "Enter the issuer URL, e.g. https://acme.zitadel.cloud.")
  .max(300, "The issuer URL is too long.")
  .refine(...wellFormed("issuer URL"))
  .transform((value, ctx) => {
    const message = issuerProblem(value);
    if (message) {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    return new URL(value).origin;
  });

function issuerProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "Enter a full URL such as https://acme.zitadel.cloud.";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "The issuer must be an https:// URL.";
  if (url.username || url.password) return "The issuer must not contain a user name or password.";
  if (url.search || value.includes("?")) return "The issuer must not have a query (?…).";
  if (url.hash || value.includes("#")) return "The issuer must not have a fragment (#…).";
  if (url.pathname !== "/") return "Enter only the issuer's origin, e.g. https://acme.zitadel.cloud (no path).";
  return null;
}

export const labelSchema = z
  .string({ error: "Enter a label." })
  .trim()
  .min(1, "Enter a label.")
  .max(100, "Keep the label to 100 characters.")
  .refine(...wellFormed("label"));

const clientIdSchema = z
  .string({ error: "Enter the client ID." })
  .trim()
  .min(1, "Enter the client ID (the service user's user name).")
  .max(200, "Keep the client ID to 200 characters.")
  .refine((value) => !CONTROL_CHARS.test(value), "The client ID must not contain control characters.")
  .refine(...wellFormed("client ID"));

/**
 * A client ID of digits only is almost always the service user's numeric user ID, which ZITADEL answers with
 * client_not_found. Allowed (a user name may be digits), but the form warns and the diagnosis says so.
 */
export function looksLikeUserId(clientId: string): boolean {
  return /^\d{6,}$/.test(clientId.trim());
}

/** Outer whitespace is a copy-paste accident; inner characters are kept exactly. */
export const clientSecretSchema = z
  .string({ error: "Enter the client secret." })
  .trim()
  .min(1, "Enter the client secret.")
  .max(500, "Keep the client secret to 500 characters.")
  .refine((value) => !CONTROL_CHARS.test(value), "The client secret must not contain line breaks or control characters.")
  .refine(...wellFormed("client secret"));

/** One space-separated string, as OAuth writes it; runs of whitespace collapse to one space. */
export const scopesSchema = z
  .string()
  .max(2000, "Keep the scopes to 2000 characters.")
  .refine(...wellFormed("scopes"))
  .transform((value, ctx) => {
    const scopes = value.split(/\s+/).filter(Boolean);
    if (scopes.length === 0) {
      ctx.addIssue({ code: "custom", message: "Enter at least one scope, e.g. openid." });
      return z.NEVER;
    }
    const bad = scopes.find((scope) => !SCOPE_TOKEN.test(scope));
    if (bad) {
      ctx.addIssue({ code: "custom", message: `"${bad}" is not a valid scope (no quotes or backslashes).` });
      return z.NEVER;
    }
    return [...new Set(scopes)].join(" ");
  });

/** ZITADEL organization ids are numeric; an empty value means "the service user's own organization". */
export const orgIdSchema = z
  .union([z.string(), z.null()])
  .transform((value) => (value === null ? null : value.trim() || null))
  .refine((value) => value === null || ORG_ID.test(value), "An organization ID has digits only, e.g. 2863178493612042.");

export const authMethodSchema = z.enum(authMethods, { error: 'Choose "basic" or "post".' });
export type AuthMethod = z.infer<typeof authMethodSchema>;

export const tagsSchema = z
  .array(z.string().trim().toLowerCase().regex(TAG, "Tags are short slugs: a–z, 0–9, - and _, up to 32 characters."))
  .max(MAX_TAGS, `Use at most ${MAX_TAGS} tags.`)
  .transform((tags) => [...new Set(tags)]);

export const notesSchema = z
  .string()
  .max(2000, "Keep the notes to 2000 characters.")
  .refine(...wellFormed("notes"));

/** A personal access token as ZITADEL shows it once on creation; outer whitespace is a copy-paste accident. */
export const patSchema = z
  .string({ error: "Enter the personal access token." })
  .trim()
  .min(1, "Enter the personal access token.")
  .max(8192, "This is too long for a personal access token.")
  .refine((value) => !/\s/.test(value) && !CONTROL_CHARS.test(value), "A personal access token has no spaces or line breaks.")
  .refine(...wellFormed("token"));

const commonCreateFields = {
  label: labelSchema,
  issuer: issuerSchema,
  orgId: orgIdSchema.optional().transform((value) => value ?? null),
  tags: tagsSchema.default([]),
  notes: notesSchema.default(""),
};

export const createClientSecretCredentialSchema = z.object({
  kind: z.literal("client_secret").default("client_secret"),
  ...commonCreateFields,
  clientId: clientIdSchema,
  clientSecret: clientSecretSchema,
  scopes: scopesSchema.default(DEFAULT_SCOPES),
  authMethod: authMethodSchema.default("basic"),
});

export const createJwtProfileCredentialSchema = z.object({
  kind: z.literal("jwt_profile"),
  ...commonCreateFields,
  keyFile: keyFileSchema,
  scopes: scopesSchema.default(DEFAULT_SCOPES),
});

export const createPatCredentialSchema = z.object({
  kind: z.literal("pat"),
  ...commonCreateFields,
  token: patSchema,
});

// A union on `kind`; a body without one is a client secret, as every caller sent before keys and PATs existed.
export const createCredentialSchema = z.preprocess(
  (value) => (isRecord(value) && value.kind === undefined ? { ...value, kind: "client_secret" } : value),
  z.discriminatedUnion("kind", [createClientSecretCredentialSchema, createJwtProfileCredentialSchema, createPatCredentialSchema], {
    error: 'Choose the kind of credential: "client_secret", "jwt_profile" or "pat".',
  }),
);
export type CreateCredentialInput = z.input<typeof createCredentialSchema>;
export type CreateCredential = z.output<typeof createCredentialSchema>;
export type CreateClientSecretCredential = z.output<typeof createClientSecretCredentialSchema>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export const versionSchema = z.coerce
  .number({ error: "Send the credential's version." })
  .int("The version is a whole number.")
  .positive("The version is a positive number.");

// No defaults here: an absent field means "leave it as it is".
export const updateCredentialSchema = z
  .object({
    label: labelSchema.optional(),
    issuer: issuerSchema.optional(),
    clientId: clientIdSchema.optional(),
    scopes: scopesSchema.optional(),
    orgId: orgIdSchema.optional(),
    authMethod: authMethodSchema.optional(),
    tags: tagsSchema.optional(),
    notes: notesSchema.optional(),
    version: versionSchema,
  })
  .strict();
export type UpdateCredentialInput = z.input<typeof updateCredentialSchema>;
export type UpdateCredential = z.output<typeof updateCredentialSchema>;

export const replaceSecretSchema = z.object({ clientSecret: clientSecretSchema, version: versionSchema });
export const replaceKeySchema = z.object({ keyFile: keyFileSchema, version: versionSchema });
export const replacePatSchema = z.object({ token: patSchema, version: versionSchema });

export type ReplaceMaterial = z.output<typeof replaceSecretSchema> | z.output<typeof replaceKeySchema> | z.output<typeof replacePatSchema>;

/**
 * PUT …/secret: the version and one of the three, matching the credential's kind (the use case refuses a mismatch in
 * plain words). One object rather than a union, so a refusal lands on the field that was sent (e.g. `keyFile`).
 */
export const replaceMaterialSchema = z
  .object({
    version: versionSchema,
    clientSecret: clientSecretSchema.optional(),
    keyFile: keyFileSchema.optional(),
    token: patSchema.optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    const sent = [value.clientSecret, value.keyFile, value.token].filter((item) => item !== undefined).length;
    if (sent !== 1) {
      ctx.addIssue({
        code: "custom",
        message: "Send exactly one of clientSecret (client secret), keyFile (key file) or token (personal access token).",
      });
    }
  })
  .transform(({ version, clientSecret, keyFile, token }): ReplaceMaterial => {
    if (clientSecret !== undefined) return { version, clientSecret };
    if (keyFile !== undefined) return { version, keyFile };
    return { version, token: token ?? "" };
  });
export type ReplaceMaterialInput = z.input<typeof replaceMaterialSchema>;

/** DELETE takes the version from `?version=` or from this optional JSON body. */
export const deleteCredentialSchema = z.object({ version: versionSchema.optional() });

/** The label a key credential gets when the operator gives none; it follows the key when the key is replaced. */
export function defaultKeyLabel(keyId: string): string {
  return `key ${keyId}`;
}

/** The longest value each filter takes; the list page cuts a hand-made URL to these before it parses it. */
export const CREDENTIAL_FILTER_LIMITS = { search: 200, tag: 32, org: 64, issuer: 300 } as const;

/**
 * A filter's free text: trimmed, empty means none. Control characters (a NUL byte) and broken characters are refused
 * in words here, before a database refuses them with an error of its own.
 */
function filterTextSchema(field: string, max: number, { lowerCase = false } = {}) {
  return z
    .string()
    .trim()
    .max(max, `Keep the ${field} to ${max} characters.`)
    .refine((value) => !CONTROL_CHARS.test(value), `The ${field} must not contain control characters (such as a NUL byte).`)
    .refine(...wellFormed(field))
    .transform((value) => (lowerCase ? value.toLowerCase() : value) || undefined)
    .optional();
}

/** One tag to filter by, as tags are stored (lower case); empty means none. Also what scheduled checks select. */
export const tagFilterSchema = filterTextSchema("tag", CREDENTIAL_FILTER_LIMITS.tag, { lowerCase: true });

/**
 * "What the list shows": the one filter the list, its counts, test-all runs, the export and the list page's URL all
 * take, each deriving from it.
 */
export const credentialFilterSchema = z.object({
  /** Label, client ID, issuer, tags, the last known org's name and id, the service user's login name and a key's user id, case-insensitively. */
  search: filterTextSchema("search", CREDENTIAL_FILTER_LIMITS.search),
  tag: tagFilterSchema,
  /** The health status; stale is decided by HEALTH_STALE_AFTER_HOURS. */
  status: healthStatusSchema.optional(),
  // The last known organization's id (orgs/me), not the org id a credential was registered with.
  org: filterTextSchema("organization", CREDENTIAL_FILTER_LIMITS.org),
  // An issuer origin, exactly as stored (https://acme.zitadel.cloud).
  issuer: filterTextSchema("issuer", CREDENTIAL_FILTER_LIMITS.issuer),
});
export type CredentialFilterInput = z.input<typeof credentialFilterSchema>;
export type CredentialFilter = z.output<typeof credentialFilterSchema>;

export const listCredentialsQuerySchema = credentialFilterSchema.extend({
  sort: z.enum(credentialSorts).default("label"),
  order: z.enum(["asc", "desc"]).default("asc"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z
    .string()
    .max(500)
    .optional()
    .transform((value) => value || null),
});
export type ListCredentialsQueryInput = z.input<typeof listCredentialsQuerySchema>;
export type ListCredentialsQuery = z.output<typeof listCredentialsQuerySchema>;

// What the API answers. `clientSecret` is never part of it: only whether one is set and a hint of its last characters.
export const credentialDtoSchema = z.object({
  id: z.string(),
  label: z.string(),
  issuer: z.string(),
  clientId: z.string(),
  /** The service user's login name as ZITADEL last named it (a token's preferred_username, introspection); null until then. */
  serviceUser: z.string().nullable(),
  scopes: z.string(),
  orgId: z.string().nullable(),
  authMethod: z.enum(authMethods),
  tags: z.array(z.string()),
  notes: z.string(),
  kind: credentialKindSchema,
  /** The key's ids and fingerprint (SHA-256 of the public key's SPKI DER, base64url); jwt_profile only. */
  key: z.object({ keyId: z.string(), userId: z.string(), fingerprint: z.string() }).nullable(),
  /** When the key or PAT expires, if known. */
  expiresAt: z.string().nullable(),
  /** null when no expiry is known; expires_soon within CREDENTIAL_EXPIRY_WARNING_DAYS. */
  expiry: z.enum(expiryStates).nullable(),
  hasSecret: z.boolean(),
  secretHint: z.string().nullable(),
  secretUpdatedAt: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
});
export type CredentialDto = z.infer<typeof credentialDtoSchema>;

export const lastTestSchema = z.object({
  kind: z.string(),
  at: z.string(),
  outcome: z.string(),
  httpStatus: z.number().nullable(),
  latencyMs: z.number().nullable(),
  orgId: z.string().nullable(),
  orgName: z.string().nullable(),
});
export type LastTest = z.infer<typeof lastTestSchema>;

export const credentialListItemSchema = credentialDtoSchema.extend({ lastTest: lastTestSchema.nullable(), health: healthSchema });
export type CredentialListItem = z.infer<typeof credentialListItemSchema>;

export const credentialPageSchema = z.object({
  items: z.array(credentialListItemSchema),
  /** Counted on the first page only (no cursor); later pages answer null, so paging never recounts the table. */
  total: z.number().nullable(),
  nextCursor: z.string().nullable(),
});
export type CredentialPage = z.infer<typeof credentialPageSchema>;

/** Splits what an operator types in a tag field ("prod, billing team") into tags. */
export function parseTagInput(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((tag) => tag.trim().toLowerCase())
    .filter(Boolean);
}
