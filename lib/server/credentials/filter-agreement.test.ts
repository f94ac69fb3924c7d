import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { healthStatuses, type HealthStatus } from "@/lib/health-statuses";
import { credentialFilterSchema, type CredentialFilter, type CredentialFilterInput } from "@/lib/schemas/credential";
import type { CredentialRow, HealthInput, Store } from "@/lib/server/store/types";

// "What the filter shows" is one set wherever it is asked for: the list (paged through), its counts, a test-all run's
// selection and the export agree for many random filters, on both databases, with a stale cut-off that is not the
// default (6 hours), so a rule of the store's own would show.

const env = vi.hoisted(() => {
  process.env.NEXTAUTH_SECRET = "unit-test-auth-secret-0123456789abcdef";
  process.env.SECRETS_KEY = Buffer.alloc(32, 7).toString("base64");
  process.env.LOG_LEVEL = "silent";
  process.env.HEALTH_STALE_AFTER_HOURS = "6";
  return { store: undefined as Store | undefined };
});

vi.mock("@/lib/server/store", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/server/store")>()),
  getStore: async () => env.store,
}));

const { createStore } = await import("@/lib/server/store");
const { exportCredentials, listCredentials } = await import("@/lib/server/credentials");
const { getHealthCounts } = await import("@/lib/server/health");
const { selectCredentials } = await import("@/lib/server/runs/select-credentials");
const { newCredential, auditEntry } = await import("@/lib/server/store/testing/fixtures");

const HOUR = 3600_000;
const ORGS = [
  { id: "3001001", name: "ACME Corp" },
  { id: "3001002", name: "Globex" },
  { id: "3001003", name: "Initech" },
];
const ISSUERS = ["https://acme.zitadel.cloud", "https://globex.example.com", "https://id.initech.io"];
const TAGS = ["red", "blue", "green", "ops"];
const WORDS = ["Alpha", "Beta", "Gamma", "Sync", "Ray"];
const SEARCHES = [
  "alpha",
  "BETA",
  "ga",
  "ray",
  "acme",
  "globex",
  "blue",
  "initech",
  "3001002",
  "sync 1",
  "zz-none",
  "a",
  "svc-1",
  "Key-Bot",
  "3900",
];
// 1 hour ago is current; 10 hours ago is stale at 6 hours but would not be at the store's old 24-hour default.
const AGES = [1, 10, 30];

/** A small seeded generator (mulberry32): the same credentials and filters on every run and on both databases. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Seeded {
  row: CredentialRow;
  status: HealthStatus;
  org: (typeof ORGS)[number] | null;
}

type Outcome = "working" | "token_fails" | "org_fails" | "issuer_unavailable";

function inputFor(outcome: Outcome, org: (typeof ORGS)[number] | null): HealthInput {
  if (outcome === "token_fails") return { token: "invalid_client" };
  if (outcome === "issuer_unavailable") return { issuerUnavailable: "server_error" };
  if (outcome === "org_fails") return { token: "ok", org: { ok: false, code: "missing_permission" } };
  return org ? { token: "ok", org: { ok: true, ...org } } : { token: "ok" };
}

async function seed(store: Store, random: () => number, count: number): Promise<Seeded[]> {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const now = Date.now();
  const seededRows: Seeded[] = [];
  for (let i = 0; i < count; i += 1) {
    const tags = TAGS.filter(() => random() < 0.35);
    // Some are keys, known by a user id, and some have a service user's login name that ZITADEL named.
    const key = random() < 0.3 ? { kind: "jwt_profile" as const, keyId: `key-${i}`, keyUserId: `3900${i}` } : {};
    const serviceUser = random() < 0.4 ? `acme-key-bot-${i}` : null;
    const row = newCredential({
      label: `${pick(WORDS)} ${pick(WORDS)} ${i}`,
      clientId: `svc-${i}`,
      issuer: pick(ISSUERS),
      tags,
      serviceUser,
      ...key,
    });
    await store.credentials.create(row, auditEntry("credential.create"));
    const tested = random() < 0.8;
    if (!tested) {
      seededRows.push({ row, status: "untested", org: null });
      continue;
    }
    const outcome = pick<Outcome>(["working", "token_fails", "org_fails", "issuer_unavailable"]);
    const org = random() < 0.7 ? pick(ORGS) : null;
    const checkedAt = now - pick(AGES) * HOUR;
    const check = (input: HealthInput, at: number) => {
      const result = "token" in input ? input : { token: input.issuerUnavailable };
      return store.testRuns.recordCheck(
        {
          credentialId: row.id,
          kind: result.org ? "org" : "token",
          actor: "op",
          actorName: "Ada",
          outcome: result.org && !result.org.ok ? result.org.code : result.token,
          httpStatus: 200,
          latencyMs: 5,
          orgId: null,
          orgName: null,
          cached: false,
          at: new Date(at).toISOString(),
        },
        auditEntry(result.org ? "org.lookup" : "token.test", { credentialId: row.id }),
        input,
      );
    };
    // The org it reached first, then the check that decides its status (which keeps the org it last reached).
    if (org && outcome !== "working") await check(inputFor("working", org), checkedAt - 60_000);
    await check(inputFor(outcome, org), checkedAt);
    const isStale = checkedAt < now - 6 * HOUR;
    seededRows.push({ row, status: isStale ? "stale" : outcome, org });
  }
  return seededRows;
}

function randomFilter(random: () => number): CredentialFilter {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const maybe = <T>(value: T): T | undefined => (random() < 0.4 ? value : undefined);
  const input: CredentialFilterInput = {
    search: maybe(pick(SEARCHES)),
    tag: maybe(pick([...TAGS, "none"])),
    status: maybe(pick(healthStatuses)),
    org: maybe(pick([...ORGS.map((org) => org.id), "999"])),
    issuer: maybe(pick(ISSUERS)),
  };
  // As the query string reaches each route: through the one filter schema.
  return credentialFilterSchema.parse(input);
}

/** What the filter should leave, worked out here from what was seeded. */
function expected(rows: Seeded[], filter: CredentialFilter): string[] {
  const term = filter.search?.toLowerCase();
  return rows
    .filter(({ row, status, org }) => {
      const searched = [
        row.label,
        row.clientId,
        row.issuer,
        ...row.tags,
        org?.name ?? "",
        org?.id ?? "",
        row.serviceUser ?? "",
        row.keyUserId ?? "",
      ].map((text) => text.toLowerCase());
      if (term && !searched.some((text) => text.includes(term))) return false;
      if (filter.tag && !row.tags.includes(filter.tag)) return false;
      if (filter.status && status !== filter.status) return false;
      if (filter.org && org?.id !== filter.org) return false;
      return !filter.issuer || row.issuer === filter.issuer;
    })
    .map(({ row }) => row.id)
    .sort();
}

async function listedIds(filter: CredentialFilter): Promise<{ ids: string[]; total: number | null }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let total: number | null = null;
  do {
    const page: Awaited<ReturnType<typeof listCredentials>> = await listCredentials({ ...filter, limit: 7, cursor });
    if (cursor === null) total = page.total;
    ids.push(...page.items.map((item) => item.id));
    cursor = page.nextCursor;
  } while (cursor);
  return { ids: ids.sort(), total };
}

async function exportedIds(filter: CredentialFilter): Promise<{ json: string[]; csv: string[] }> {
  const json = JSON.parse((await exportCredentials({ ...filter, format: "json" })).body) as { items: { id: string; status: string }[] };
  const csv = (await exportCredentials({ ...filter, format: "csv" })).body.trim().split("\n").slice(1);
  return { json: json.items.map((item) => item.id).sort(), csv: csv.map((line) => line.split(",")[0]!).sort() };
}

function describeAgreement(name: string, open: () => Promise<{ store: Store; close(): Promise<void> }>, skip = false): void {
  describe.skipIf(skip)(`one filter, one set: ${name}`, () => {
    let close: () => Promise<void> = async () => undefined;
    let rows: Seeded[] = [];
    beforeAll(async () => {
      const opened = await open();
      env.store = opened.store;
      close = opened.close;
      rows = await seed(opened.store, seeded(19), 36);
    });
    afterAll(async () => close());

    it("the list, its counts, a test-all run and the export leave the same credentials for 50 random filters", async () => {
      const random = seeded(2026);
      let nonEmpty = 0;
      for (let i = 0; i < 50; i += 1) {
        const filter = randomFilter(random);
        const want = expected(rows, filter);
        const listed = await listedIds(filter);
        const counts = await getHealthCounts(filter);
        const run = (await selectCredentials({ kind: "filter", filter })).map((target) => target.id).sort();
        const exported = await exportedIds(filter);
        const seen = { filter, listed: listed.ids, total: listed.total, counted: counts.total, run, ...exported };
        expect(seen).toEqual({ filter, listed: want, total: want.length, counted: want.length, run: want, json: want, csv: want });
        if (want.length > 0) nonEmpty += 1;
      }
      // The filters found something most of the time: the agreement is not only on empty sets.
      expect(nonEmpty).toBeGreaterThan(15);
    });

    it("calls a check 10 hours old stale, as HEALTH_STALE_AFTER_HOURS=6 says, in the list and in the export", async () => {
      const stale = rows.filter((row) => row.status === "stale").map((row) => row.row.id);
      expect(stale.length).toBeGreaterThan(3);
      const filter = credentialFilterSchema.parse({ status: "stale" });
      expect((await listedIds(filter)).ids).toEqual(stale.sort());
      const json = JSON.parse((await exportCredentials({ format: "json" })).body) as { items: { id: string; status: string }[] };
      const exported = json.items.filter((item) => item.status === "stale").map((item) => item.id);
      expect(exported.sort()).toEqual(stale.sort());
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), "m2m-filters-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeAgreement("sqlite", async () => {
  const store = await createStore({ driver: "sqlite", path: join(dir, "console.sqlite") });
  return { store, close: () => store.close() };
});

// Runs when TEST_DATABASE_URL is set; with REQUIRE_POSTGRES=1 a missing database fails instead of skipping.
const url = process.env.TEST_DATABASE_URL;
describeAgreement(
  "postgres",
  async () => {
    const schema = `m2m_filters_${Date.now()}_${randomBytes(3).toString("hex")}`;
    const store = await createStore({ driver: "postgres", url: url ?? "", schema });
    return {
      store,
      close: async () => {
        await store.close();
        const raw = new pg.Client({ connectionString: url });
        await raw.connect();
        await raw.query(`DROP SCHEMA ${schema} CASCADE`);
        await raw.end();
      },
    };
  },
  !url && process.env.REQUIRE_POSTGRES !== "1",
);
