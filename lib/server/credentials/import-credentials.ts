import "server-only";
import { ApiError, zodFieldErrors } from "@/lib/api-error";
import { createCredentialSchema } from "@/lib/schemas/credential";
import { IMPORT_CSV_MAX_BYTES, type ImportCredentials, type ImportFailure, type ImportResult } from "@/lib/schemas/credential-import";
import { createCredential } from "./create-credential";
import { parseCredentialCsv } from "./csv-import";
import { storeConflictReason } from "./refusals";
import type { RequestContext } from "@/lib/server/request-context";

/** Creates every valid credential; each failure is reported with its row, and does not stop the others. */
export async function importCredentials(context: RequestContext, input: ImportCredentials): Promise<ImportResult> {
  if (input.format === "zitadel") {
    // `format` rides along and is dropped by the create schema.
    const { text, label, ...fields } = input;
    // A paste without a label is named by its client ID, as the register form does.
    return collect(context, [{ row: 1, input: { ...fields, ...text, label: label ?? text.clientId } }]);
  }
  if (Buffer.byteLength(input.text, "utf8") > IMPORT_CSV_MAX_BYTES) {
    throw new ApiError("payload_too_large", `The CSV is larger than ${IMPORT_CSV_MAX_BYTES / 1024} KiB; split it into several files.`);
  }
  return collect(context, parseCredentialCsv(input.text));
}

async function collect(context: RequestContext, records: { row: number; input: Record<string, unknown> | null; problem?: string }[]) {
  const result: ImportResult = { created: 0, createdIds: [], failed: [] };
  for (const { row, input, problem } of records) {
    if (!input) {
      result.failed.push({ row, message: problem ?? "This row cannot be read." });
      continue;
    }
    const failure = await createOne(context, row, input, result);
    if (failure) result.failed.push(failure);
  }
  return result;
}

async function createOne(context: RequestContext, row: number, input: Record<string, unknown>, result: ImportResult): Promise<ImportFailure | null> {
  const parsed = createCredentialSchema.safeParse(input);
  if (!parsed.success) return { row, message: "Some fields are not valid.", fields: zodFieldErrors(parsed.error) };
  try {
    const created = await createCredential(context, parsed.data, { action: "credential.import", detail: { row } });
    result.created += 1;
    result.createdIds.push(created.id);
    return null;
  } catch (error) {
    if (error instanceof ApiError && (error.code === "conflict" || error.code === "validation_failed")) {
      return { row, message: error.message, ...(error.fields ? { fields: error.fields } : {}), ...(error.conflict ? { conflict: error.conflict } : {}) };
    }
    if (storeConflictReason(error)) return { row, message: (error as Error).message };
    throw error;
  }
}
