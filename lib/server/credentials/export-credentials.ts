import "server-only";
import { stringify } from "csv-stringify/sync";
import { EXPORT_COLUMNS, type ExportQuery, type ExportedCredential } from "@/lib/schemas/credential-export";
import { toHealth, withStaleCutoff } from "@/lib/server/health";
import { getStore } from "@/lib/server/store";
import type { CredentialWithLastTest, ListCredentialsQuery, Store } from "@/lib/server/store/types";
import { toCredentialDto } from "./dto";

// Export: the same DTOs the API answers, so never a secret, key or PAT (a key shows as its ids and fingerprint), plus
// each one's health and last known organization as its row holds them. It exports what the list shows: the same
// search, filters (tag, status, org, issuer), stale cut-off and order. CSV cells that a spreadsheet would run as a
// formula (= + - @, tab, CR) get a leading apostrophe.

export interface CredentialExport {
  filename: string;
  contentType: string;
  body: string;
}

const PAGE = 200;

export async function exportCredentials(query: Partial<ExportQuery> = {}, now = new Date()): Promise<CredentialExport> {
  const { format = "json", ...filters } = query;
  const filtered = withStaleCutoff(filters, now.getTime());
  const rows = await listMatching(await getStore(), filtered);
  const credentials = rows.map((row) => toExported(row, filtered.staleBefore));
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
async function listMatching(store: Store, filters: Omit<ListCredentialsQuery, "limit" | "cursor">): Promise<CredentialWithLastTest[]> {
  const rows: CredentialWithLastTest[] = [];
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<Store["credentials"]["list"]>> = await store.credentials.list({ ...filters, limit: PAGE, cursor });
    rows.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return rows;
}

function toExported(row: CredentialWithLastTest, staleBefore: string): ExportedCredential {
  const health = toHealth(row.health, staleBefore);
  return {
    ...toCredentialDto(row),
    status: health.status,
    diagnosisCode: health.diagnosisCode,
    lastCheckedAt: health.lastCheckedAt,
    lastOrgId: health.lastKnownOrg?.id ?? null,
    lastOrgName: health.lastKnownOrg?.name ?? null,
  };
}

function toCsv(credentials: ExportedCredential[]): string {
  const records = credentials.map((credential) =>
    EXPORT_COLUMNS.map((column) => {
      const value = credential[column];
      if (Array.isArray(value)) return value.join(";");
      return value === null ? "" : String(value);
    }),
  );
  return stringify(records, { header: true, columns: [...EXPORT_COLUMNS], escape_formulas: true });
}
