import "server-only";
import { stringify } from "csv-stringify/sync";
import type { CredentialDto } from "@/lib/schemas/credential";
import { getStore } from "@/lib/server/store";
import { toCredentialDto } from "./dto";

// Export: the same DTOs the API answers, so never a secret. CSV cells that a spreadsheet would run as a formula
// (= + - @, tab, CR) get a leading apostrophe.

export const EXPORT_CSV_COLUMNS = [
  "id",
  "label",
  "issuer",
  "clientId",
  "scopes",
  "orgId",
  "authMethod",
  "tags",
  "notes",
  "hasSecret",
  "secretHint",
  "secretUpdatedAt",
  "version",
  "createdAt",
  "createdBy",
  "updatedAt",
] as const satisfies readonly (keyof CredentialDto)[];

export type ExportFormat = "json" | "csv";

export interface CredentialExport {
  filename: string;
  contentType: string;
  body: string;
}

export async function exportCredentials(format: ExportFormat, now = new Date()): Promise<CredentialExport> {
  const credentials = (await (await getStore()).listAllCredentials()).map(toCredentialDto);
  const stamp = now.toISOString().slice(0, 10);
  if (format === "json") {
    return {
      filename: `m2m-credentials-${stamp}.json`,
      contentType: "application/json; charset=utf-8",
      body: `${JSON.stringify({ exportedAt: now.toISOString(), items: credentials }, null, 2)}\n`,
    };
  }
  return { filename: `m2m-credentials-${stamp}.csv`, contentType: "text/csv; charset=utf-8", body: toCsv(credentials) };
}

export function toCsv(credentials: CredentialDto[]): string {
  const records = credentials.map((credential) =>
    EXPORT_CSV_COLUMNS.map((column) => {
      const value = credential[column];
      if (Array.isArray(value)) return value.join(";");
      return value === null ? "" : String(value);
    }),
  );
  return stringify(records, { header: true, columns: [...EXPORT_CSV_COLUMNS], escape_formulas: true });
}
