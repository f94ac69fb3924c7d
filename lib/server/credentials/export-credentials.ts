import "server-only";
import { stringify } from "csv-stringify/sync";
import { z } from "zod";
import { listCredentialsQuerySchema, type CredentialDto } from "@/lib/schemas/credential";
import { getStore } from "@/lib/server/store";
import type { CredentialWithLastTest, ListCredentialsQuery, Store } from "@/lib/server/store/types";
import { toCredentialDto } from "./dto";

// Export: the same DTOs the API answers, so never a secret, key or PAT (a key shows as its ids and fingerprint), plus what the list shows beside each one: its last
// known organization and its status. It exports what the list shows: the same search, filters (tag, status, org,
// issuer) and order. CSV cells
// that a spreadsheet would run as a formula (= + - @, tab, CR) get a leading apostrophe.

/** The list's own filters and order (GET /api/credentials, without its paging), and the file format. */
export const exportQuerySchema = listCredentialsQuerySchema.omit({ limit: true, cursor: true }).extend({
  format: z.enum(["json", "csv"], { error: "Use format=json or format=csv." }).default("json"),
});
export type ExportQuery = z.output<typeof exportQuerySchema>;

export interface ExportedCredential extends CredentialDto {
  /** The organization the latest successful org lookup found; null before any. */
  lastOrgId: string | null;
  lastOrgName: string | null;
  /** The latest test's outcome ("ok" or the diagnosis code), "untested" before any, and when it ran. */
  status: string;
  statusAt: string | null;
}

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
  "lastOrgId",
  "lastOrgName",
  "status",
  "statusAt",
  // Added with credential kinds; last, so columns an existing sheet reads by position stay where they were.
  "kind",
  "expiresAt",
  "expiry",
] as const satisfies readonly (keyof ExportedCredential)[];

export interface CredentialExport {
  filename: string;
  contentType: string;
  body: string;
}

const PAGE = 200;
// Enough history to reach past a run of failed lookups to the last one that named the organization.
const HISTORY = 200;

export async function exportCredentials(query: Partial<ExportQuery> = {}, now = new Date()): Promise<CredentialExport> {
  const store = await getStore();
  const { format = "json", ...filters } = query;
  const rows = await listMatching(store, filters);
  const credentials = await Promise.all(rows.map((row) => withLastKnown(store, row)));
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

/** Every credential the list would show for these filters, in its order: the list's own query, page after page. */
async function listMatching(store: Store, filters: Omit<Partial<ExportQuery>, "format">): Promise<CredentialWithLastTest[]> {
  const rows: CredentialWithLastTest[] = [];
  let cursor: string | null = null;
  do {
    const query: ListCredentialsQuery = { ...filters, limit: PAGE, cursor };
    const page: Awaited<ReturnType<Store["listCredentials"]>> = await store.listCredentials(query);
    rows.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return rows;
}

async function withLastKnown(store: Store, row: CredentialWithLastTest): Promise<ExportedCredential> {
  const runs = await store.listTestRuns(row.id, HISTORY);
  const found = runs.find((run) => run.kind === "org" && run.outcome === "ok" && run.orgName !== null);
  return {
    ...toCredentialDto(row),
    lastOrgId: found?.orgId ?? null,
    lastOrgName: found?.orgName ?? null,
    status: row.lastTest?.outcome ?? "untested",
    statusAt: row.lastTest?.at ?? null,
  };
}

export function toCsv(credentials: ExportedCredential[]): string {
  const records = credentials.map((credential) =>
    EXPORT_CSV_COLUMNS.map((column) => {
      const value = credential[column];
      if (Array.isArray(value)) return value.join(";");
      return value === null ? "" : String(value);
    }),
  );
  return stringify(records, { header: true, columns: [...EXPORT_CSV_COLUMNS], escape_formulas: true });
}
