// Scenario 5: the list API as the registry grows: 10, 10,000 and 100,000 credentials in the console's SQLite file.
// Rows go in straight through SQLite in one transaction (registering 100,000 through the API would measure the API's
// write path, not the list); they carry no secret, which the list never reads.
import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import type { ConsoleApi } from "../console-api";
import { time, type Summary } from "../measure";
import type { Stack } from "../stack";

export const LIST_QUERIES = {
  "first page": "/api/credentials?limit=50",
  search: "/api/credentials?limit=50&search=fleet-04242",
  "tag filter": "/api/credentials?limit=50&tag=team-7",
  "sort by updated": "/api/credentials?limit=50&sort=updatedAt&order=desc",
  "sort by last checked": "/api/credentials?limit=50&sort=lastChecked&order=desc",
  "status filter": "/api/credentials?limit=50&status=org_fails",
  "org search": "/api/credentials?limit=50&search=Globex",
  counts: "/api/credentials/counts",
} as const;

// Every third row was checked: working at ACME, or (every ninth) failing its org lookup, last at Globex.
const STATUS = ["working", null, null, "org_fails", null, null, "working", null, null] as const;

function fillTo(stack: Stack, count: number): void {
  const db = new Database(stack.sqlitePath);
  try {
    db.pragma("busy_timeout = 10000");
    const have = (db.prepare("select count(*) as n from credentials").get() as { n: number }).n;
    const insert = db.prepare(
      `insert into credentials (id, label, issuer, client_id, secret_envelope, secret_hint, secret_updated_at, scopes, org_id,
         auth_method, tags, notes, created_at, created_by, updated_at, version,
         health_status, health_code, health_since, health_checked_at, last_org_id, last_org_name, last_org_at)
       values (?, ?, ?, ?, null, null, null, 'openid', null, 'basic', ?, '', ?, 'bench', ?, 1, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const start = Date.parse("2026-01-01T00:00:00Z");
    db.transaction(() => {
      for (let n = have; n < count; n += 1) {
        const at = new Date(start + n * 1000).toISOString();
        const name = `fleet-${String(n).padStart(5, "0")}`;
        const status = STATUS[n % STATUS.length] ?? null;
        const checked = status ? new Date(Date.now() - (n % 600) * 60_000).toISOString() : null;
        const org =
          status === "org_fails"
            ? ["200000000000000002", "Globex Industries"]
            : status
              ? ["200000000000000001", "ACME Corporation"]
              : [null, null];
        const health = [status, status === "org_fails" ? "missing_permission" : null, checked, checked, org[0], org[1], checked];
        insert.run(randomUUID(), `Fleet ${name}`, stack.issuer, name, JSON.stringify([`team-${n % 50}`]), at, at, ...health);
      }
    })();
  } finally {
    db.close();
  }
}

export async function listAtScale(stack: Stack, api: ConsoleApi, sizes: readonly number[], runs: number) {
  const results: { size: number; query: string; summary: Summary }[] = [];
  for (const size of sizes) {
    fillTo(stack, size);
    for (const [query, path] of Object.entries(LIST_QUERIES)) {
      results.push({ size, query, summary: await time(runs, () => api.json("GET", path), 3) });
    }
  }
  return results;
}
