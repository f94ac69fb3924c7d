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

/**
 * What pasted text is: CSV text (its first line is a header of the import's columns), our own JSON export, or
 * ZITADEL's dialog. Text pasted into the import goes to the same reader a file of that format goes to.
 */
export function pastedImportFormat(text: string): ImportFormat {
  const trimmed = text.trim();
  if (/^[[{]/.test(trimmed)) return isOurJsonExport(trimmed) ? "json" : "zitadel";
  const header = (trimmed.split(/\r?\n/, 1)[0] ?? "").split(",").map((cell) =>
    cell
      .trim()
      .replace(/^"(.*)"$/, "$1")
      .toLowerCase(),
  );
  const known = new Set([...CSV_COLUMNS, KIND_COLUMN, ...EXPORT_ONLY_COLUMNS].map((name) => name.toLowerCase()));
  return header.length > 1 && header.includes("clientid") && header.every((cell) => known.has(cell)) ? "csv" : "zitadel";
}

// Our export's items carry a label and an issuer; ZITADEL's answers carry neither.
function isOurJsonExport(text: string): boolean {
  try {
    const data: unknown = JSON.parse(text);
    const items: unknown = Array.isArray(data) ? data : (data as { items?: unknown } | null)?.items;
    if (!Array.isArray(items)) return false;
    const [first]: unknown[] = items;
    return !Array.isArray(data) || (typeof first === "object" && first !== null && ("issuer" in first || "label" in first));
  } catch {
    return false;
  }
}

export interface PastedClientCredentials {
  clientId: string;
  clientSecret: string;
}

/** One pair as pasted: either half may be missing, and is then reported for that pair, never dropped. */
export type PastedPair = Partial<PastedClientCredentials>;

export type PasteParseResult = { ok: true; pairs: PastedPair[] } | { ok: false; message: string };

const LABELLED_LINE = /^["'`]?client[\s_-]?(id|secret)\b["'`]?\s*[:=]?\s*(.*)$/i;
const TOKEN_VALUE = /^\S+$/;

/**
 * Reads client IDs and secrets from what an operator copied out of ZITADEL: one or several of the console's dialogs
 * ("ClientId" / "ClientSecret", on one line with a colon or the value on the next line), or the v1 API's JSON answer
 * (one object, or a list of them). Pairs come in the order pasted; a half without its other half is a pair too.
 */
export function parseZitadelSecretText(text: string): PasteParseResult {
  const trimmed = text.trim();
  if (!trimmed) return { ok: false, message: "Paste the ClientId and ClientSecret from ZITADEL's dialog." };
  const found = /^[[{]/.test(trimmed) ? readJson(trimmed) : readLines(trimmed);
  if ("message" in found) return { ok: false, message: found.message };
  const [only, ...others] = found.pairs;
  if (!only) return { ok: false, message: "No ClientId found. Paste both lines from ZITADEL's dialog." };
  // A single pair keeps the plain-words answer; among several, each incomplete pair is refused on its own row.
  if (others.length === 0 && !only.clientId) return { ok: false, message: "No ClientId found. Paste both lines from ZITADEL's dialog." };
  if (others.length === 0 && !only.clientSecret)
    return { ok: false, message: "No ClientSecret found. Paste both lines from ZITADEL's dialog." };
  return { ok: true, pairs: found.pairs };
}

/** Why a pasted pair cannot be registered, or null when both halves are there. */
export function incompletePair(pair: PastedPair): string | null {
  if (!pair.clientId) return "This ClientSecret has no ClientId before it. Paste both lines from ZITADEL's dialog.";
  if (!pair.clientSecret) return `No ClientSecret found for ${pair.clientId}. Paste both lines from ZITADEL's dialog.`;
  return null;
}

type Found = { pairs: PastedPair[] } | { message: string };

const secretAnswerSchema = z.object({
  clientId: z.string().optional(),
  client_id: z.string().optional(),
  clientSecret: z.string().optional(),
  client_secret: z.string().optional(),
});

function readJson(text: string): Found {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { message: "This looks like JSON but cannot be read. Paste the whole answer, from { to }." };
  }
  const shape = z.union([secretAnswerSchema, z.array(secretAnswerSchema)]).safeParse(data);
  if (!shape.success) return { message: "The JSON has no clientId and clientSecret strings." };
  const answers = Array.isArray(shape.data) ? shape.data : [shape.data];
  const pairs = answers.map((answer) => ({
    clientId: (answer.clientId ?? answer.client_id)?.trim() || undefined,
    clientSecret: (answer.clientSecret ?? answer.client_secret)?.trim() || undefined,
  }));
  return { pairs: pairs.filter((pair) => pair.clientId || pair.clientSecret) };
}

function readLines(text: string): Found {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  const pairs: PastedPair[] = [];
  let current: PastedPair = {};
  lines.forEach((line, index) => {
    const match = LABELLED_LINE.exec(line);
    if (!match) return;
    // A label alone on its line ("ClientSecret") has its value on the next line; dialog prose never qualifies.
    const value = unquote(match[2] ?? "") || unquote(lines[index + 1] ?? "");
    if (!TOKEN_VALUE.test(value) || LABELLED_LINE.test(value)) return;
    const half = match[1]?.toLowerCase() === "id" ? "clientId" : "clientSecret";
    // A half the current pair already has starts the next pair: a second dialog pasted below the first.
    if (current[half]) {
      pairs.push(current);
      current = {};
    }
    current[half] = value;
  });
  if (current.clientId || current.clientSecret) pairs.push(current);
  return { pairs };
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
      if (parsed.pairs.length > IMPORT_MAX_ROWS) {
        ctx.addIssue({ code: "custom", message: `Import at most ${IMPORT_MAX_ROWS} credentials at a time.` });
        return z.NEVER;
      }
      const [only, ...others] = parsed.pairs;
      // One pair is checked here, so the form shows its problem on the field; several are checked pair by pair.
      if (only && others.length === 0) {
        const clientId = createClientSecretCredentialSchema.shape.clientId.safeParse(only.clientId);
        const clientSecret = clientSecretSchema.safeParse(only.clientSecret);
        if (!clientId.success || !clientSecret.success) {
          ctx.addIssue({ code: "custom", message: (clientId.error ?? clientSecret.error)?.issues[0]?.message ?? "Not valid." });
          return z.NEVER;
        }
      }
      return parsed.pairs;
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
export type ImportFormat = ImportCredentials["format"];
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
  /** The client ID the row or pasted pair names, when it names one: how the operator tells refused rows apart. */
  clientId: z.string().optional(),
  fields: z.record(z.string(), z.array(z.string())).optional(),
  /** The row's client ID is already registered at its issuer: that credential, whose secret can be replaced. */
  conflict: conflictTargetSchema.optional(),
});
export type ImportFailure = z.infer<typeof importFailureSchema>;

export const importResultSchema = z.object({
  created: z.number(),
  createdIds: z.array(z.string()),
  /** Each credential created, in the order of the rows: what the operator pasted or uploaded, named. */
  registered: z.array(z.object({ row: z.number(), id: z.string(), label: z.string(), clientId: z.string() })),
  failed: z.array(importFailureSchema),
});
export type ImportResult = z.infer<typeof importResultSchema>;
