import type { ConflictTarget } from "@/lib/api-error";
import {
  DEFAULT_SCOPES,
  authMethodSchema,
  clientSecretSchema,
  createClientSecretCredentialSchema,
  issuerSchema,
  notesSchema,
  orgIdSchema,
  scopesSchema,
  tagsSchema,
  wellFormed,
} from "@/lib/schemas/credential";
import { EXPORT_COLUMNS, exportedCredentialSchema } from "@/lib/schemas/credential-export";
import { z } from "@/lib/zod";

// Import bodies: ZITADEL's "Generate Client Secret" result pasted as text, or a CSV or JSON file read in the browser
// (our own export with a clientSecret added imports again).

export const IMPORT_CSV_MAX_BYTES = 256 * 1024;
export const IMPORT_MAX_ROWS = 500;
export const CSV_COLUMNS = ["label", "issuer", "clientId", "clientSecret", "scopes", "orgId", "authMethod", "tags", "notes"] as const;
export const CSV_REQUIRED_COLUMNS = ["label", "issuer", "clientId", "clientSecret"] as const;
/** Read only to refuse a key or PAT in plain words: an import registers client secrets only. */
export const KIND_COLUMN = "kind" as const;

const isRead = (name: string) => name === KIND_COLUMN || (CSV_COLUMNS as readonly string[]).includes(name);
/** The columns our export writes that an import carries along and ignores: every export column it does not read. */
export const EXPORT_ONLY_COLUMNS: readonly string[] = EXPORT_COLUMNS.filter((name) => !isRead(name));
/** The same for a JSON export's items, which also carry a key's ids and fingerprint. */
export const EXPORT_ONLY_FIELDS: readonly string[] = Object.keys(exportedCredentialSchema.shape).filter((name) => !isRead(name));

export interface PastedClientCredentials {
  clientId: string;
  clientSecret: string;
}

export type PasteParseResult = { ok: true; value: PastedClientCredentials } | { ok: false; message: string };

const LABELLED_LINE = /^["'`]?client[\s_-]?(id|secret)\b["'`]?\s*[:=]?\s*(.*)$/i;
const TOKEN_VALUE = /^\S+$/;

/**
 * Reads a client ID and secret from what an operator copied out of ZITADEL: the console dialog ("ClientId" /
 * "ClientSecret", on one line with a colon or the value on the next line), or the v1 API's JSON answer.
 */
export function parseZitadelSecretText(text: string): PasteParseResult {
  const trimmed = text.trim();
  if (!trimmed) return { ok: false, message: "Paste the ClientId and ClientSecret from ZITADEL's dialog." };
  const found = trimmed.startsWith("{") ? readJson(trimmed) : readLines(trimmed);
  if ("message" in found) return { ok: false, message: found.message };
  if (!found.clientId) return { ok: false, message: "No ClientId found. Paste both lines from ZITADEL's dialog." };
  if (!found.clientSecret) return { ok: false, message: "No ClientSecret found. Paste both lines from ZITADEL's dialog." };
  return { ok: true, value: { clientId: found.clientId, clientSecret: found.clientSecret } };
}

type Found = Partial<PastedClientCredentials> | { message: string };

function readJson(text: string): Found {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { message: "This looks like JSON but cannot be read. Paste the whole answer, from { to }." };
  }
  const shape = z
    .object({
      clientId: z.string().optional(),
      client_id: z.string().optional(),
      clientSecret: z.string().optional(),
      client_secret: z.string().optional(),
    })
    .safeParse(data);
  if (!shape.success) return { message: "The JSON has no clientId and clientSecret strings." };
  return {
    clientId: (shape.data.clientId ?? shape.data.client_id)?.trim() || undefined,
    clientSecret: (shape.data.clientSecret ?? shape.data.client_secret)?.trim() || undefined,
  };
}

function readLines(text: string): Found {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  const found: Partial<PastedClientCredentials> = {};
  lines.forEach((line, index) => {
    const match = LABELLED_LINE.exec(line);
    if (!match) return;
    // A label alone on its line ("ClientSecret") has its value on the next line; dialog prose never qualifies.
    const value = unquote(match[2] ?? "") || unquote(lines[index + 1] ?? "");
    if (!TOKEN_VALUE.test(value) || LABELLED_LINE.test(value)) return;
    if (match[1]?.toLowerCase() === "id") found.clientId = value;
    else found.clientSecret = value;
  });
  return found;
}

function unquote(value: string): string {
  return value
    .trim()
    .replace(/^["'`](.*)["'`],?$/, "$1")
    .trim();
}

export const zitadelImportSchema = z.object({
  format: z.literal("zitadel"),
  // Left empty, the label is the pasted client ID (see importCredentials).
  label: z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    createClientSecretCredentialSchema.shape.label.optional(),
  ),
  issuer: issuerSchema,
  scopes: scopesSchema.default(DEFAULT_SCOPES),
  orgId: orgIdSchema.optional().transform((value) => value ?? null),
  authMethod: authMethodSchema.default("basic"),
  tags: tagsSchema.default([]),
  notes: notesSchema.default(""),
  text: z
    .string({ error: "Paste the text from ZITADEL's dialog." })
    .max(20_000, "That is more text than ZITADEL's dialog holds.")
    .refine(...wellFormed("pasted text"))
    .transform((value, ctx) => {
      const parsed = parseZitadelSecretText(value);
      if (!parsed.ok) {
        ctx.addIssue({ code: "custom", message: parsed.message });
        return z.NEVER;
      }
      const clientId = createClientSecretCredentialSchema.shape.clientId.safeParse(parsed.value.clientId);
      const clientSecret = clientSecretSchema.safeParse(parsed.value.clientSecret);
      if (!clientId.success || !clientSecret.success) {
        ctx.addIssue({ code: "custom", message: (clientId.error ?? clientSecret.error)?.issues[0]?.message ?? "Not valid." });
        return z.NEVER;
      }
      return { clientId: clientId.data, clientSecret: clientSecret.data };
    }),
});

export const csvImportSchema = z.object({
  format: z.literal("csv"),
  text: z
    .string({ error: "Choose a CSV file." })
    .min(1, "The CSV file is empty.")
    .refine(...wellFormed("CSV file")),
});

/** Our own JSON export (`{ "items": [...] }`) or a bare array of credentials, each with its clientSecret. */
export const jsonImportSchema = z.object({
  format: z.literal("json"),
  text: z
    .string({ error: "Choose a JSON file." })
    .min(1, "The JSON file is empty.")
    .refine(...wellFormed("JSON file")),
});

export const importCredentialsSchema = z.discriminatedUnion("format", [zitadelImportSchema, csvImportSchema, jsonImportSchema], {
  error: 'Send format "zitadel" (pasted dialog text), "csv" or "json".',
});
export type ImportCredentialsInput = z.input<typeof importCredentialsSchema>;
export type ImportCredentials = z.output<typeof importCredentialsSchema>;

/** The existing credential a row collided with (lib/api-error's ConflictTarget). */
const conflictTargetSchema = z.object({
  credentialId: z.string(),
  version: z.number().int(),
  label: z.string(),
}) satisfies z.ZodType<ConflictTarget>;

export const importFailureSchema = z.object({
  row: z.number(),
  message: z.string(),
  fields: z.record(z.string(), z.array(z.string())).optional(),
  /** The row's client ID is already registered at its issuer: that credential, whose secret can be replaced. */
  conflict: conflictTargetSchema.optional(),
});
export type ImportFailure = z.infer<typeof importFailureSchema>;

export const importResultSchema = z.object({
  created: z.number(),
  createdIds: z.array(z.string()),
  failed: z.array(importFailureSchema),
});
export type ImportResult = z.infer<typeof importResultSchema>;
