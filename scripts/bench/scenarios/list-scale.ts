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

// One fleet credential, numbered n: what fillTo inserts (also scripts/bench/list-store.ts, through the store's db).
export function fleetRow(n: number, issuer: string) {
  const at = new Date(Date.parse("2026-01-01T00:00:00Z") + n * 1000).toISOString();
  const name = `fleet-${String(n).padStart(5, "0")}`;
  const status = STATUS[n % STATUS.length] ?? null;
  const checked = status ? new Date(Date.now() - (n % 600) * 60_000).toISOString() : null;
  const org = status === "org_fails" ? GLOBEX : status ? ACME : null;
  return {
    id: randomUUID(),
    label: `Fleet ${name}`,
    issuer,
    client_id: name,
    secret_envelope: null,
    secret_hint: null,
    secret_updated_at: null,
    scopes: "openid",
    org_id: null,
    auth_method: "basic",
    tags: JSON.stringify([`team-${n % 50}`]),
    notes: "",
    created_at: at,
    created_by: "bench",
    updated_at: at,
    version: 1,
    health_status: status,
    health_code: status === "org_fails" ? "missing_permission" : null,
    health_since: checked,
    health_checked_at: checked,
    last_org_id: org?.id ?? null,
    last_org_name: org?.name ?? null,
    last_org_at: checked,
  };
}

const ACME = { id: "200000000000000001", name: "ACME Corporation" };
const GLOBEX = { id: "200000000000000002", name: "Globex Industries" };
const COLUMNS = Object.keys(fleetRow(0, ""));

function fillTo(stack: Stack, count: number): void {
  const db = new Database(stack.sqlitePath);
  try {
    db.pragma("busy_timeout = 10000");
    const have = (db.prepare("select count(*) as n from credentials").get() as { n: number }).n;
    const insert = db.prepare(`insert into credentials (${COLUMNS.join(", ")}) values (${COLUMNS.map((name) => `@${name}`).join(", ")})`);
    db.transaction(() => {
      for (let n = have; n < count; n += 1) insert.run(fleetRow(n, stack.issuer));
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
