import "server-only";
import { CsvError, parse } from "csv-parse/sync";
import { ApiError } from "@/lib/api-error";
import { CSV_COLUMNS, CSV_REQUIRED_COLUMNS, EXPORT_ONLY_COLUMNS, IMPORT_MAX_ROWS, KIND_COLUMN } from "@/lib/schemas/credential-import";

// CSV import: one credential per record, header `label,issuer,clientId,clientSecret,scopes,orgId,authMethod,tags[,notes]`.

// A CSV registers client secrets only: a key file or a PAT does not fit in a cell safely, so those are registered
// one at a time. A `kind` column (as the export writes) is read only to refuse rows of another kind in plain words.
export function onlyClientSecrets(format: "CSV" | "JSON"): string {
  return `${format} import registers client secrets only (kind "client_secret"). Register keys and personal access tokens one at a time with "Register credential".`;
}

type Column = (typeof CSV_COLUMNS)[number] | typeof KIND_COLUMN;

export interface CsvRecord {
  /** The file line the record starts on (the header is line 1), as an editor shows it. */
  row: number;
  /** A create-credential body, not validated yet. */
  input: Record<string, unknown> | null;
  /** Why the record could not be read as a credential at all. */
  problem?: string;
}

interface ParsedRecord {
  record: string[];
  raw: string;
  info: { lines: number };
}

export function parseCredentialCsv(text: string): CsvRecord[] {
  const [header, ...records] = readRecords(text);
  if (!header) throw csvProblem("The CSV file is empty.");
  const columns = readHeader(header.record);
  if (records.length === 0) throw csvProblem("The CSV file has a header but no credentials.");
  if (records.length > IMPORT_MAX_ROWS) throw csvProblem(`Import at most ${IMPORT_MAX_ROWS} credentials at a time.`);
  return records.map(({ record, raw, info }) => {
    const row = info.lines - (raw.replace(/\r?\n$/, "").match(/\n/g)?.length ?? 0);
    if (record.length !== columns.length) {
      return { row, input: null, problem: `This row has ${record.length} cells; the header has ${columns.length}.` };
    }
    const kindAt = columns.indexOf(KIND_COLUMN);
    const kind = kindAt >= 0 ? (record[kindAt] ?? "").trim().toLowerCase() : "";
    if (kind && kind !== "client_secret") return { row, input: null, problem: onlyClientSecrets("CSV") };
    return { row, input: toCreateInput(columns, record) };
  });
}

function readRecords(text: string): ParsedRecord[] {
  try {
    return parse(text, {
      bom: true,
      raw: true,
      info: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      relax_column_count: true,
    }) as unknown as ParsedRecord[];
  } catch (error) {
    if (error instanceof CsvError) throw csvProblem(`The CSV cannot be read: ${error.message.split(":")[0]} (line ${lineOf(error)}).`);
    throw error;
  }
}

function lineOf(error: CsvError): string {
  const lines = (error as CsvError & { lines?: number }).lines;
  return typeof lines === "number" ? String(lines) : "?";
}

function readHeader(cells: string[]): (Column | null)[] {
  const byLowerName = new Map<string, Column>([...CSV_COLUMNS, KIND_COLUMN].map((name): [string, Column] => [name.toLowerCase(), name]));
  const ignored = new Set(EXPORT_ONLY_COLUMNS.map((name) => name.toLowerCase()));
  const columns = cells.map((cell) => {
    const name = cell.trim().toLowerCase();
    if (ignored.has(name)) return null;
    const column = byLowerName.get(name);
    if (!column) throw csvProblem(`Unknown column "${cell.trim()}". The columns are: ${CSV_COLUMNS.join(", ")}.`);
    return column;
  });
  const missing = CSV_REQUIRED_COLUMNS.filter((name) => !columns.includes(name));
  if (missing.length > 0) throw csvProblem(`The header lacks the column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}.`);
  return columns;
}

function toCreateInput(columns: (Column | null)[], record: string[]): Record<string, unknown> {
  const cells: Partial<Record<Column, string>> = {};
  columns.forEach((column, index) => {
    if (column) cells[column] = unescapeFormula((record[index] ?? "").trim());
  });
  return {
    label: cells.label,
    issuer: cells.issuer,
    clientId: cells.clientId,
    clientSecret: cells.clientSecret,
    scopes: cells.scopes || undefined,
    orgId: cells.orgId || null,
    authMethod: cells.authMethod?.toLowerCase() || undefined,
    tags: cells.tags
      ? cells.tags
          .split(";")
          .map((tag) => tag.trim())
          .filter(Boolean)
      : [],
    notes: cells.notes || undefined,
  };
}

// The export prefixes a cell that a spreadsheet would run as a formula with an apostrophe; reading it back drops it.
function unescapeFormula(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

function csvProblem(message: string): ApiError {
  return new ApiError("validation_failed", message, { fields: { text: [message] } });
}
