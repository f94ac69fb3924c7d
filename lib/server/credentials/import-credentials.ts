import "server-only";
import { ApiError, zodFieldErrors } from "@/lib/api-error";
import { createClientSecretCredentialSchema, type CreateClientSecretCredential } from "@/lib/schemas/credential";
import {
  IMPORT_CSV_MAX_BYTES,
  incompletePair,
  type ImportCredentials,
  type ImportFailure,
  type ImportResult,
  type PastedPair,
} from "@/lib/schemas/credential-import";
import { limitWrites } from "@/lib/server/limits";
import type { RequestContext } from "@/lib/server/request-context";
import { insertCredential } from "./create-credential";
import { parseCredentialCsv } from "./csv-import";
import { parseCredentialJson } from "./json-import";
import { storeConflictReason } from "./refusals";

/** Creates every valid credential (within the write limit); each failure is reported with its row, and does not stop the others. */
export async function importCredentials(context: RequestContext, input: ImportCredentials): Promise<ImportResult> {
  if (input.format === "zitadel") {
    // `format` rides along and is dropped by the create schema.
    const { text, label, ...fields } = input;
    return collect(
      context,
      text.map((pair, index) => pastedRecord(index + 1, pair, fields, label, text.length > 1)),
    );
  }
  const format = input.format === "csv" ? "CSV" : "JSON";
  if (Buffer.byteLength(input.text, "utf8") > IMPORT_CSV_MAX_BYTES) {
    throw new ApiError(
      "payload_too_large",
      `The ${format} is larger than ${IMPORT_CSV_MAX_BYTES / 1024} KiB; split it into several files.`,
    );
  }
  return collect(context, input.format === "csv" ? parseCredentialCsv(input.text) : parseCredentialJson(input.text));
}

type ImportRecord = { row: number; input: Record<string, unknown> | null; problem?: string; clientId?: string };
type CheckedRow = { row: number; credential: CreateClientSecretCredential } | { failure: ImportFailure };

// A pasted pair without a label is named by its client ID, as the register form does; among several pairs, a typed
// label names them all, each with its client ID beside it.
function pastedRecord(
  row: number,
  pair: PastedPair,
  fields: Record<string, unknown>,
  label: string | undefined,
  isOneOfSeveral: boolean,
): ImportRecord {
  const problem = incompletePair(pair);
  if (problem) return { row, input: null, problem, ...(pair.clientId ? { clientId: pair.clientId } : {}) };
  const name = !label ? pair.clientId : isOneOfSeveral ? `${label} (${pair.clientId})` : label;
  return { row, input: { ...fields, ...pair, label: name } };
}

async function collect(context: RequestContext, records: ImportRecord[]) {
  const checked = records.map(checkRow);
  // Every row that would create a credential counts against the write limit, all at once: the import runs whole or
  // is refused whole, never cut off half-way.
  await limitWrites(context, checked.filter((item) => "credential" in item).length);
  const result: ImportResult = { created: 0, createdIds: [], registered: [], failed: [] };
  for (const item of checked) {
    const failure = "failure" in item ? item.failure : await createOne(context, item.row, item.credential, result);
    if (failure) result.failed.push(failure);
  }
  return result;
}

function checkRow({ row, input, problem, clientId }: ImportRecord): CheckedRow {
  if (!input) return { row, failure: { row, message: problem ?? "This row cannot be read.", ...(clientId ? { clientId } : {}) } };
  // Imports register client secrets only (see csv-import.ts); a stray `kind` field is not carried through.
  const parsed = createClientSecretCredentialSchema.safeParse({ ...input, kind: "client_secret" });
  if (!parsed.success) {
    const named = typeof input.clientId === "string" && input.clientId.trim() ? { clientId: input.clientId.trim() } : {};
    return { row, failure: { row, message: "Some fields are not valid.", ...named, fields: zodFieldErrors(parsed.error) } };
  }
  return { row, credential: parsed.data };
}

async function createOne(
  context: RequestContext,
  row: number,
  input: CreateClientSecretCredential,
  result: ImportResult,
): Promise<ImportFailure | null> {
  try {
    const created = await insertCredential(context, input, { action: "credential.import", detail: { row } });
    result.created += 1;
    result.createdIds.push(created.id);
    result.registered.push({ row, id: created.id, label: created.label, clientId: input.clientId });
    return null;
  } catch (error) {
    if (error instanceof ApiError && (error.code === "conflict" || error.code === "validation_failed")) {
      return {
        row,
        message: error.message,
        clientId: input.clientId,
        ...(error.fields ? { fields: error.fields } : {}),
        ...(error.conflict ? { conflict: error.conflict } : {}),
      };
    }
    if (storeConflictReason(error)) return { row, message: (error as Error).message, clientId: input.clientId };
    throw error;
  }
}
