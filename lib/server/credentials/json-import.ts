import "server-only";
import { ApiError } from "@/lib/api-error";
import { CSV_COLUMNS, EXPORT_ONLY_FIELDS, IMPORT_MAX_ROWS, KIND_COLUMN } from "@/lib/schemas/credential-import";
import { onlyClientSecrets, type CsvRecord } from "./csv-import";

// JSON import: our own export (`{ "exportedAt", "items": [...] }`) or a bare array, each item with its clientSecret
// added. An item's `row` is its place in the list, from 1. Fields the export writes and an import does not read are
// ignored; any other field is refused, as an unknown CSV column is.

const READ = new Set<string>([...CSV_COLUMNS, KIND_COLUMN]);
const IGNORED = new Set(EXPORT_ONLY_FIELDS);

export function parseCredentialJson(text: string): CsvRecord[] {
  const items = itemsOf(readJson(text));
  if (items.length === 0) throw jsonProblem("The JSON file has no credentials.");
  if (items.length > IMPORT_MAX_ROWS) throw jsonProblem(`Import at most ${IMPORT_MAX_ROWS} credentials at a time.`);
  return items.map((item, index) => ({ row: index + 1, ...toInput(item) }));
}

function readJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw jsonProblem("The JSON file cannot be read: it is not valid JSON.");
  }
}

function itemsOf(data: unknown): unknown[] {
  if (Array.isArray(data)) return data;
  if (isRecord(data) && Array.isArray(data.items)) return data.items;
  throw jsonProblem('The JSON file holds neither an export ({ "items": [...] }) nor a list of credentials.');
}

function toInput(item: unknown): Pick<CsvRecord, "input" | "problem"> {
  if (!isRecord(item)) return { input: null, problem: "This item is not a credential (an object with label, issuer, clientId, …)." };
  const unknown = Object.keys(item).find((name) => !READ.has(name) && !IGNORED.has(name));
  if (unknown) return { input: null, problem: `Unknown field "${unknown}". The fields are: ${CSV_COLUMNS.join(", ")}.` };
  const kind = item[KIND_COLUMN];
  if (kind !== undefined && kind !== null && kind !== "" && kind !== "client_secret")
    return { input: null, problem: onlyClientSecrets("JSON") };
  const input = Object.fromEntries(CSV_COLUMNS.filter((name) => item[name] !== undefined).map((name) => [name, item[name]]));
  return { input };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function jsonProblem(message: string): ApiError {
  return new ApiError("validation_failed", message, { fields: { text: [message] } });
}
