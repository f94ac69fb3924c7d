import "server-only";
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEntry, dayAgo, newCredential } from "./testing/fixtures";
import { StoreCursorError, type CredentialWithLastTest, type ListCredentialsQuery, type Store } from "./types";

// The credentials list as the UI uses it: search, tag filter, sort, pages, total and last test.

async function allPages(
  store: Store,
  query: Omit<ListCredentialsQuery, "staleBefore">,
): Promise<{ labels: string[]; totals: (number | null)[] }> {
  const labels: string[] = [];
  const totals: (number | null)[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 20; guard += 1) {
    const page: Awaited<ReturnType<Store["credentials"]["list"]>> = await store.credentials.list({
      staleBefore: dayAgo(),
      ...query,
      cursor,
    });
    labels.push(...page.items.map((item) => item.label));
    totals.push(page.total);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return { labels, totals };
}

export function describeListSuite(getStore: () => Store): void {
  describe("credentials list", () => {
    // A prefix unique to this run keeps other tests' rows out of every assertion.
    const p = `q${randomBytes(4).toString("hex")}`;
    const names = [`${p} Alpha`, `${p} bravo`, `${p} Charlie 100%`, `${p} delta`, `${p} echo`];
    let ids: Record<string, string> = {};

    beforeAll(async () => {
      const store = getStore();
      const rows = [
        newCredential({ label: names[0], clientId: `cid-${p}-a`, tags: [`${p}prod`, "billing"], createdAt: "2020-01-03T00:00:00.000Z" }),
        newCredential({ label: names[1], clientId: `cid-${p}-b`, tags: [`${p}production`], createdAt: "2020-01-02T00:00:00.000Z" }),
        newCredential({ label: names[2], clientId: `cid-${p}-c`, createdAt: "2020-01-02T00:00:00.000Z" }),
        newCredential({
          label: names[3],
          clientId: `cid-${p}-d`,
          issuer: `https://${p}-other.example`,
          createdAt: "2020-01-04T00:00:00.000Z",
        }),
        newCredential({ label: names[4], clientId: `CID-${p}-E`, tags: [`${p}prod`], createdAt: "2020-01-01T00:00:00.000Z" }),
      ];
      for (const row of rows) await store.credentials.create(row, auditEntry("credential.create"));
      ids = Object.fromEntries(rows.map((row) => [row.label, row.id]));
    });

    it("searches label, client ID, issuer and tags case-insensitively, with % as a plain character", async () => {
      const store = getStore();
      const labels = async (search: string) =>
        (await store.credentials.list({ staleBefore: dayAgo(), search })).items.map((item) => item.label);
      expect(await labels(p.toUpperCase())).toHaveLength(5);
      expect(await labels(`cid-${p}-e`)).toEqual([names[4]]);
      expect(await labels(`${p}-OTHER.example`)).toEqual([names[3]]);
      expect(await labels(`${p}PRODUCTION`)).toEqual([names[1]]);
      expect(await labels(`${p} charlie 100%`)).toEqual([names[2]]);
      expect(await labels(`${p} %`)).toEqual([]);
    });

    it("filters by an exact tag", async () => {
      const page = await getStore().credentials.list({ staleBefore: dayAgo(), tag: `${p}prod` });
      expect(page.items.map((item) => item.label).sort()).toEqual([names[0], names[4]]);
      expect(page.total).toBe(2);
    });

    it("sorts labels case-insensitively and pages through every row exactly once", async () => {
      const store = getStore();
      const asc = await allPages(store, { search: p, limit: 2 });
      expect(asc.labels).toEqual(names);
      // Counted on the first page only.
      expect(asc.totals).toEqual([5, null, null]);
      expect((await allPages(store, { search: p, order: "desc", limit: 2 })).labels).toEqual([...names].reverse());
      const byCreated = await allPages(store, { search: p, sort: "createdAt", limit: 1 });
      expect(byCreated.labels).toHaveLength(5);
      expect(new Set(byCreated.labels).size).toBe(5);
      expect(byCreated.labels[0]).toBe(names[4]);
      expect(byCreated.labels[4]).toBe(names[3]);
      const byClient = await allPages(store, { search: p, sort: "clientId", order: "desc", limit: 3 });
      expect(new Set(byClient.labels).size).toBe(5);
    });

    it("rejects a cursor it did not issue, or one from another sort", async () => {
      const store = getStore();
      const first = await store.credentials.list({ staleBefore: dayAgo(), search: p, limit: 1 });
      expect(first.nextCursor).toBeTruthy();
      await expect(store.credentials.list({ staleBefore: dayAgo(), search: p, sort: "issuer", cursor: first.nextCursor })).rejects.toThrow(
        StoreCursorError,
      );
      await expect(store.credentials.list({ staleBefore: dayAgo(), cursor: "not-a-cursor" })).rejects.toThrow(StoreCursorError);
      await expect(store.audit.list({ cursor: "bm9wZQ" })).rejects.toThrow(StoreCursorError);
    });

    it("shows each credential's latest test run", async () => {
      const store = getStore();
      const alpha = ids[names[0] ?? ""] ?? "";
      const base = {
        credentialId: alpha,
        kind: "token" as const,
        actor: "op",
        actorName: "Ada",
        latencyMs: 80,
        orgId: null,
        orgName: null,
      };
      await store.testRuns.record({ ...base, outcome: "ok", httpStatus: 200, cached: true, at: "2021-01-01T00:00:00.000Z" });
      const latest = await store.testRuns.record({
        ...base,
        outcome: "invalid_client",
        httpStatus: 400,
        cached: false,
        at: "2021-01-02T00:00:00.000Z",
      });
      await store.testRuns.record({ ...base, outcome: "older", httpStatus: 200, cached: false, at: "2020-12-31T00:00:00.000Z" });
      const page = await store.credentials.list({ staleBefore: dayAgo(), search: p });
      const byLabel = new Map<string, CredentialWithLastTest>(page.items.map((item) => [item.label, item]));
      expect(byLabel.get(names[0] ?? "")?.lastTest).toEqual(latest);
      expect(latest).toMatchObject({ cached: false, httpStatus: 400, at: "2021-01-02T00:00:00.000Z" });
      expect(byLabel.get(names[1] ?? "")?.lastTest).toBeNull();
      const runs = await store.testRuns.list(alpha);
      expect(runs.map((run) => run.outcome)).toEqual(["invalid_client", "ok", "older"]);
      expect(runs[1]?.cached).toBe(true);
    });

    it("lists every tag once, sorted", async () => {
      const tags = await getStore().credentials.listTags();
      expect(tags.filter((tag) => tag.startsWith(p))).toEqual([`${p}prod`, `${p}production`]);
      expect(new Set(tags).size).toBe(tags.length);
    });
  });
}
