import "server-only";
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { auditEntry, dayAgo, newCredential } from "./testing/fixtures";
import type { CredentialRow, HealthCountsRow, CredentialResult, ListCredentialsQuery, Store } from "./types";

// What keeps the list fast at scale must keep it right: the per-tag rows and the maintained counts follow every
// create, edit, check and delete, and a tag or search that matches many rows (read along the sort's index) or few
// (read first, then sorted) lists the same rows.

async function everyLabel(
  store: Store,
  query: Omit<ListCredentialsQuery, "staleBefore">,
): Promise<{ labels: string[]; total: number | null }> {
  const labels: string[] = [];
  let cursor: string | null = null;
  let total: number | null = null;
  for (let guard = 0; guard < 50; guard += 1) {
    const page: Awaited<ReturnType<Store["credentials"]["list"]>> = await store.credentials.list({
      staleBefore: dayAgo(),
      ...query,
      limit: 7,
      cursor,
    });
    if (!cursor) total = page.total;
    labels.push(...page.items.map((item) => item.label));
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return { labels, total };
}

export function describeListScaleSuite(getStore: () => Store): void {
  describe("credentials list at scale", () => {
    const p = `s${randomBytes(4).toString("hex")}`;
    const make = (label: string, overrides: Partial<CredentialRow> = {}) =>
      newCredential({ label: `${p} ${label}`, clientId: `${p}-${label}`, ...overrides });
    const check = (row: CredentialRow, input: CredentialResult, at: string) =>
      getStore().testRuns.recordCheck(
        {
          credentialId: row.id,
          kind: input.org ? "org" : "token",
          actor: "op",
          actorName: "Ada",
          outcome: input.org && !input.org.ok ? input.org.code : input.token,
          httpStatus: 200,
          latencyMs: 5,
          orgId: null,
          orgName: null,
          cached: false,
          at,
        },
        auditEntry(input.org ? "org.lookup" : "token.test", { credentialId: row.id }),
        input,
      );
    const tagged = async (tag: string) => (await everyLabel(getStore(), { tag, sort: "label", order: "asc" })).labels;

    it("keeps the tag filter right when tags are added, renamed and removed, and when a credential is deleted", async () => {
      const store = getStore();
      const a = await store.credentials.create(make("a", { tags: [`${p}-red`, `${p}-blue`] }), auditEntry("credential.create"));
      const b = await store.credentials.create(make("b", { tags: [`${p}-red`] }), auditEntry("credential.create"));
      expect(await tagged(`${p}-red`)).toEqual([`${p} a`, `${p} b`]);
      expect(await tagged(`${p}-blue`)).toEqual([`${p} a`]);

      // Renamed on one, removed from the other.
      const a2 = await store.credentials.update(a.id, a.version, { tags: [`${p}-crimson`, `${p}-blue`] }, auditEntry("credential.update"));
      await store.credentials.update(b.id, b.version, { tags: [] }, auditEntry("credential.update"));
      expect(await tagged(`${p}-red`)).toEqual([]);
      expect((await store.credentials.list({ staleBefore: dayAgo(), tag: `${p}-red` })).total).toBe(0);
      expect(await tagged(`${p}-crimson`)).toEqual([`${p} a`]);
      const tags = await store.credentials.listTags();
      expect(tags).toContain(`${p}-crimson`);
      expect(tags).not.toContain(`${p}-red`);

      // An edit that leaves the tags alone keeps them.
      await store.credentials.update(a.id, a2.version, { label: `${p} a renamed` }, auditEntry("credential.update"));
      expect(await tagged(`${p}-blue`)).toEqual([`${p} a renamed`]);

      await store.credentials.delete(a.id, null, auditEntry("credential.delete"));
      expect(await tagged(`${p}-blue`)).toEqual([]);
      expect(await store.credentials.listTags()).not.toContain(`${p}-blue`);
      // A tag is a whole tag: another credential's longer tag does not match.
      await store.credentials.create(make("c", { tags: [`${p}-blue-green`] }), auditEntry("credential.create"));
      expect(await tagged(`${p}-blue`)).toEqual([]);
    });

    it("lists the same rows, in order and once each, for a tag and a search that match many credentials or few", async () => {
      const store = getStore();
      const many = Array.from({ length: 60 }, (_, i) => make(`m${String(59 - i).padStart(2, "0")}`, { tags: [`${p}-many`] }));
      for (const row of many) await store.credentials.create(row, auditEntry("credential.create"));
      await store.credentials.create(make("few", { tags: [`${p}-few`] }), auditEntry("credential.create"));
      const expected = many.map((row) => row.label).sort();

      // Many: 60² is well over 8 × every credential in the suite's store, so these walk the label index.
      const byTag = await everyLabel(store, { tag: `${p}-many`, sort: "label", order: "asc" });
      expect(byTag).toEqual({ labels: expected, total: 60 });
      const bySearch = await everyLabel(store, { search: `${p} m`, sort: "label", order: "asc" });
      expect(bySearch).toEqual({ labels: expected, total: 60 });
      const both = await everyLabel(store, { search: `${p} m0`, tag: `${p}-many`, sort: "label", order: "desc" });
      expect(both).toEqual({ labels: expected.filter((label) => label.startsWith(`${p} m0`)).reverse(), total: 10 });
      // Few: read first, then sorted.
      expect(await everyLabel(store, { tag: `${p}-few` })).toEqual({ labels: [`${p} few`], total: 1 });
      expect(await everyLabel(store, { search: `${p} FEW` })).toEqual({ labels: [`${p} few`], total: 1 });
    });

    it("keeps the unfiltered counts right through creates, checks that change status or org, and deletes", async () => {
      const store = getStore();
      const org = { id: `${p}77`, name: `${p} Initech` };
      const countsNow = () => store.credentials.countHealth({ staleBefore: dayAgo() }, { orgLimit: 500 });
      const orgCount = (counts: HealthCountsRow, id: string | null) => counts.byOrg.find((row) => row.id === id)?.count ?? 0;
      // The counts an issuer filter gives are counted from the rows themselves: the maintained ones must agree.
      const issuer = `https://${p}.example`;
      const counted = () => store.credentials.countHealth({ staleBefore: dayAgo(), issuer }, { orgLimit: 500 });
      const start = await countsNow();

      const rows = [make("x", { issuer }), make("y", { issuer }), make("z", { issuer })];
      for (const row of rows) await store.credentials.create(row, auditEntry("credential.create"));
      let counts = await countsNow();
      expect(counts.total).toBe(start.total + 3);
      expect(counts.byStatus.untested).toBe(start.byStatus.untested + 3);

      const now = new Date().toISOString();
      await check(rows[0]!, { token: "ok", org: { ok: true, ...org } }, now);
      await check(rows[1]!, { token: "ok", org: { ok: true, ...org } }, now);
      await check(rows[2]!, { token: "invalid_secret" }, now);
      // The same status again moves nothing.
      await check(rows[2]!, { token: "invalid_secret" }, now);
      counts = await countsNow();
      expect(counts.total).toBe(start.total + 3);
      expect(counts.byStatus.working).toBe(start.byStatus.working + 2);
      expect(counts.byStatus.token_fails).toBe(start.byStatus.token_fails + 1);
      expect(counts.byStatus.untested).toBe(start.byStatus.untested);
      expect(counts.byOrg).toContainEqual({ id: org.id, name: org.name, count: 2 });
      expect(await counted()).toEqual({
        total: 3,
        byStatus: { working: 2, token_fails: 1, org_fails: 0, issuer_unavailable: 0, untested: 0, stale: 0 },
        byOrg: [
          { id: org.id, name: org.name, count: 2 },
          { id: null, name: null, count: 1 },
        ],
      });
      // Filtered by status or org, the maintained counts answer too.
      expect(await store.credentials.countHealth({ staleBefore: dayAgo(), org: org.id })).toMatchObject({
        total: 2,
        byStatus: { working: 2, token_fails: 0 },
      });
      const working = await store.credentials.countHealth({ staleBefore: dayAgo(), status: "working" }, { orgLimit: 500 });
      expect(working.total).toBe(counts.byStatus.working);
      expect(orgCount(working, org.id)).toBe(2);

      // A check long ago is stale now: it leaves its status for stale, under the same org.
      await check(rows[1]!, { token: "ok", org: { ok: false, code: "missing_permission" } }, "2020-01-01T00:00:00.000Z");
      counts = await countsNow();
      expect(counts.byStatus.working).toBe(start.byStatus.working + 1);
      expect(counts.byStatus.org_fails).toBe(start.byStatus.org_fails);
      expect(counts.byStatus.stale).toBe(start.byStatus.stale + 1);
      expect(orgCount(counts, org.id)).toBe(2);
      expect(orgCount(await store.credentials.countHealth({ staleBefore: dayAgo(), status: "stale" }, { orgLimit: 500 }), org.id)).toBe(1);
      expect((await counted()).byStatus).toEqual({
        working: 1,
        token_fails: 1,
        org_fails: 0,
        issuer_unavailable: 0,
        untested: 0,
        stale: 1,
      });
      // The list's total under a status or org filter agrees with the counts and with the rows it pages through.
      const listed = async (query: Omit<ListCredentialsQuery, "staleBefore">) => {
        const { labels } = await everyLabel(store, { ...query, search: p });
        return { labels: labels.sort(), total: (await store.credentials.list({ ...query, staleBefore: dayAgo() })).total };
      };
      expect(await listed({ status: "stale", org: org.id })).toEqual({ labels: [`${p} y`], total: 1 });
      expect(await listed({ org: org.id })).toEqual({ labels: [`${p} x`, `${p} y`], total: 2 });
      expect((await listed({ status: "token_fails" })).total).toBe(counts.byStatus.token_fails);
      expect((await listed({ status: "untested" })).total).toBe(counts.byStatus.untested);

      for (const row of rows) await store.credentials.delete(row.id, null, auditEntry("credential.delete"));
      counts = await countsNow();
      expect(counts.total).toBe(start.total);
      expect(counts.byStatus).toEqual(start.byStatus);
      expect(orgCount(counts, org.id)).toBe(0);
      expect((await store.credentials.list({ staleBefore: dayAgo() })).total).toBe(start.total);
    });
  });
}
