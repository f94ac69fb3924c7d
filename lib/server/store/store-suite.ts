import "server-only";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeAlertOutboxSuite } from "./store-suite-alert-outbox";
import { describeAuditChainSuite } from "./store-suite-audit";
import { describeAuditFilterSuite } from "./store-suite-audit-filters";
import { describeCheckRunSuite } from "./store-suite-check-runs";
import { describeHealthSuite } from "./store-suite-health";
import { describeIntrospectionClientSuite } from "./store-suite-introspection-clients";
import { describeIssuerOutageSuite } from "./store-suite-issuer-outages";
import { describeKindsSuite } from "./store-suite-kinds";
import { describeListSuite } from "./store-suite-list";
import { describeListScaleSuite } from "./store-suite-list-scale";
import { describeOperatorSuite } from "./store-suite-operators";
import { describeProvisioningSuite } from "./store-suite-provisioning";
import { describeQuietCheckSuite } from "./store-suite-quiet-checks";
import { describeShareLinkSuite } from "./store-suite-share-links";
import { auditEntry, newCredential, type StoreHarness } from "./testing/fixtures";
import { StoreConflictError, StoreNotFoundError, type AuditOutcome, type CredentialRow, type Store } from "./types";

// The behaviour both drivers must share; each driver's test file supplies a harness.

export function describeStoreSuite(name: string, open: () => Promise<StoreHarness>, options: { skip?: boolean } = {}): void {
  describe.skipIf(options.skip)(`store contract: ${name}`, () => {
    let harness: StoreHarness;
    let store: Store;
    beforeAll(async () => {
      harness = await open();
      store = harness.store;
    });
    afterAll(async () => harness?.close());

    it("creates, reads, updates and deletes a credential, auditing each change", async () => {
      const row = newCredential({ tags: ["prod", "billing"], secretEnvelope: "v1.x", secretHint: "…cret", orgId: "org-1" });
      expect(await store.credentials.create(row, auditEntry("credential.create"))).toEqual(row);
      expect(await store.credentials.get(row.id)).toEqual(row);

      const updated = await store.credentials.update(
        row.id,
        1,
        { label: "Renamed", tags: ["prod"], orgId: null },
        auditEntry("credential.update"),
      );
      expect(updated).toMatchObject({ label: "Renamed", tags: ["prod"], orgId: null, version: 2, createdAt: row.createdAt });
      expect(updated.updatedAt >= row.updatedAt).toBe(true);
      expect(await store.credentials.get(row.id)).toEqual(updated);

      await store.credentials.delete(row.id, 2, auditEntry("credential.delete"));
      expect(await store.credentials.get(row.id)).toBeNull();
      const audit = await store.audit.list({ credentialId: row.id });
      expect(audit.items.map((item) => item.action)).toEqual(["credential.delete", "credential.update", "credential.create"]);
      expect(audit.items[0]).toMatchObject({ issuer: row.issuer, clientId: row.clientId, actor: "operator-1", ip: "203.0.113.9" });
      await expect(store.credentials.update(row.id, 3, { label: "x" }, auditEntry("credential.update"))).rejects.toThrow(
        StoreNotFoundError,
      );
      await expect(store.credentials.delete(row.id, null, auditEntry("credential.delete"))).rejects.toThrow(StoreNotFoundError);
    });

    it("answers a second credential for the same issuer and client ID with a duplicate conflict", async () => {
      const first = await store.credentials.create(newCredential(), auditEntry("credential.create"));
      const copy = newCredential({ issuer: first.issuer, clientId: first.clientId });
      await expect(store.credentials.create(copy, auditEntry("credential.create"))).rejects.toMatchObject({ reason: "duplicate" });
      expect(await store.credentials.get(copy.id)).toBeNull();
      expect((await store.audit.list({ credentialId: copy.id })).total).toBe(0);

      const other = await store.credentials.create(newCredential(), auditEntry("credential.create"));
      const collide = store.credentials.update(other.id, 1, { clientId: first.clientId }, auditEntry("credential.update"));
      await expect(collide).rejects.toMatchObject({ name: "StoreConflictError", reason: "duplicate" });
      expect(await store.credentials.get(other.id)).toEqual(other);
    });

    it("finds a credential by issuer and client ID, lists issuers and names credentials without reading secrets", async () => {
      const issuer = `https://names-${randomUUID().slice(0, 8)}.example.com`;
      const times = ["2026-01-03T00:00:00.000Z", "2026-01-01T00:00:00.000Z", "2026-01-02T00:00:00.000Z"];
      const rows = [];
      for (const createdAt of times) {
        const row = newCredential({ issuer, createdAt, updatedAt: createdAt, secretEnvelope: "v1.secret" });
        rows.push(await store.credentials.create(row, auditEntry("credential.create")));
      }
      const [newest, oldest, middle] = rows as [CredentialRow, CredentialRow, CredentialRow];
      const named = (row: CredentialRow) => ({ id: row.id, label: row.label, issuer: row.issuer, version: row.version });

      expect(await store.credentials.findByClientId(issuer, middle.clientId)).toEqual(named(middle));
      expect(await store.credentials.findByClientId(issuer, "nobody")).toBeNull();
      expect(await store.credentials.findByClientId("https://other.example.com", middle.clientId)).toBeNull();
      expect(await store.credentials.findByKeyId(issuer, "no-such-key")).toBeNull();

      const issuers = await store.credentials.listIssuers();
      expect(issuers.filter((value) => value === issuer)).toEqual([issuer]);
      expect(issuers).toEqual([...issuers].sort());

      const ids = [newest.id, middle.id, "missing", oldest.id, newest.id];
      expect(await store.credentials.listNames(ids)).toEqual([named(oldest), named(middle), named(newest)]);
      const all = (await store.credentials.listNames()).filter((row) => row.issuer === issuer);
      expect(all).toEqual([named(oldest), named(middle), named(newest)]);
      expect(await store.credentials.listNames([])).toEqual([]);
    });

    it("refuses a stale version and leaves the row as the winner wrote it", async () => {
      const row = await store.credentials.create(newCredential(), auditEntry("credential.create"));
      const winner = await store.credentials.update(row.id, 1, { label: "winner" }, auditEntry("credential.update"));
      const stale = store.credentials.update(row.id, 1, { label: "loser" }, auditEntry("credential.update"));
      await expect(stale).rejects.toEqual(new StoreConflictError("version"));
      await expect(store.credentials.delete(row.id, 1, auditEntry("credential.delete"))).rejects.toMatchObject({ reason: "version" });
      expect(await store.credentials.get(row.id)).toEqual(winner);
      expect((await store.audit.list({ credentialId: row.id })).total).toBe(2);
    });

    it("writes nothing when the audit row cannot be written", async () => {
      const broken = auditEntry("credential.create", { outcome: "bogus" as AuditOutcome });
      const row = newCredential();
      await expect(store.credentials.create(row, broken)).rejects.toThrow();
      expect(await store.credentials.get(row.id)).toBeNull();

      const kept = await store.credentials.create(row, auditEntry("credential.create"));
      await expect(store.credentials.update(row.id, 1, { label: "changed" }, broken)).rejects.toThrow();
      await expect(store.credentials.delete(row.id, 1, broken)).rejects.toThrow();
      expect(await store.credentials.get(row.id)).toEqual(kept);
    });

    it("keeps audit rows append-only, even against raw SQL, and after their credential is gone", async () => {
      const row = await store.credentials.create(newCredential(), auditEntry("credential.create", { detail: { fields: ["label"] } }));
      await store.credentials.delete(row.id, null, auditEntry("credential.delete"));
      await expect(harness.rawExec("UPDATE audit_log SET action = 'tampered'")).rejects.toThrow(/append-only/);
      await expect(harness.rawExec(`DELETE FROM audit_log WHERE credential_id = '${row.id}'`)).rejects.toThrow(/append-only/);
      if (store.driver === "postgres") await expect(harness.rawExec("TRUNCATE audit_log")).rejects.toThrow(/append-only/);
      const audit = await store.audit.list({ credentialId: row.id });
      expect(audit.items.map((item) => item.action)).toEqual(["credential.delete", "credential.create"]);
      expect(audit.items[1]?.detail).toEqual({ fields: ["label"] });
    });

    it("lists the audit log newest first, page by page", async () => {
      const credentialId = randomUUID();
      for (let i = 0; i < 5; i += 1)
        await store.audit.append(auditEntry("token.test", { credentialId, httpStatus: 200 + i, outcome: i % 2 ? "failure" : "success" }));
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<Store["audit"]["list"]>> = await store.audit.list({
          credentialId,
          action: "token.test",
          limit: 2,
          cursor,
        });
        expect(page.total).toBe(5);
        seen.push(...page.items.map((item) => item.httpStatus ?? 0));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual([204, 203, 202, 201, 200]);
    });

    it("keeps a failed check's request id and ZITADEL's error with it, and nothing for a check before they were kept", async () => {
      const row = await store.credentials.create(newCredential(), auditEntry("credential.create"));
      const run = { credentialId: row.id, kind: "org" as const, actor: "op", actorName: null, httpStatus: 403, latencyMs: 5 };
      const common = { ...run, orgId: null, orgName: null, cached: false };
      await store.testRuns.record({ ...common, outcome: "ok", at: new Date(Date.now() - 1000).toISOString() });
      await store.testRuns.record({
        ...common,
        outcome: "missing_permission",
        requestId: "req-42",
        upstreamError: { error: "AUTH-5mWD2", description: "No matching permissions found" },
      });
      const [latest, older] = await store.testRuns.list(row.id);
      expect(latest).toMatchObject({
        requestId: "req-42",
        upstreamError: { error: "AUTH-5mWD2", description: "No matching permissions found" },
      });
      expect(older).toMatchObject({ requestId: null, upstreamError: null });
    });

    it("deletes a credential's test runs and cached tokens with it", async () => {
      const row = await store.credentials.create(newCredential(), auditEntry("credential.create"));
      await store.testRuns.record({
        credentialId: row.id,
        kind: "token",
        actor: "op",
        actorName: null,
        outcome: "ok",
        httpStatus: 200,
        latencyMs: 12,
        orgId: null,
        orgName: null,
        cached: false,
      });
      await store.tokenCache.put({
        credentialId: row.id,
        scopeKey: "openid",
        tokenEnvelope: "v1.t",
        expiresAt: new Date().toISOString(),
        obtainedAt: new Date().toISOString(),
        metadata: {},
      });
      await store.credentials.delete(row.id, null, auditEntry("credential.delete"));
      expect(await store.testRuns.list(row.id)).toEqual([]);
      expect(await store.tokenCache.get(row.id, "openid")).toBeNull();
    });

    it("stores, replaces and drops cached tokens", async () => {
      const row = await store.credentials.create(newCredential(), auditEntry("credential.create"));
      const token = {
        credentialId: row.id,
        scopeKey: "openid profile",
        tokenEnvelope: "v1.a",
        expiresAt: "2030-01-01T00:00:00.000Z",
        obtainedAt: "2029-12-31T12:00:00.000Z",
        metadata: { expiresIn: 43199 },
      };
      expect(await store.tokenCache.get(row.id, token.scopeKey)).toBeNull();
      await store.tokenCache.put(token);
      await store.tokenCache.put({ ...token, tokenEnvelope: "v1.b", metadata: { expiresIn: 100 } });
      expect(await store.tokenCache.get(row.id, token.scopeKey)).toEqual({ ...token, tokenEnvelope: "v1.b", metadata: { expiresIn: 100 } });
      await store.tokenCache.put({ ...token, scopeKey: "openid" });
      await store.tokenCache.deleteForCredential(row.id);
      expect(await store.tokenCache.get(row.id, token.scopeKey)).toBeNull();
      await store.tokenCache.put(token);
      expect(await store.tokenCache.purge()).toBeGreaterThanOrEqual(1);
      expect(await store.tokenCache.get(row.id, token.scopeKey)).toBeNull();
    });

    it("re-wraps a secret only if nobody changed it meanwhile, without a version bump", async () => {
      const row = await store.credentials.create(newCredential({ secretEnvelope: "v1.old" }), auditEntry("credential.create"));
      expect(await store.secrets.rewrap(row.id, "v1.stale", "v1.new")).toBe(false);
      expect(await store.secrets.rewrap(row.id, "v1.old", "v1.new")).toBe(true);
      expect(await store.credentials.get(row.id)).toEqual({ ...row, secretEnvelope: "v1.new" });
      const listed = await store.secrets.listEnvelopes(null, 1000);
      expect(listed).toContainEqual({ id: row.id, issuer: row.issuer, clientId: row.clientId, secretEnvelope: "v1.new" });
      expect(listed.every((item) => item.secretEnvelope)).toBe(true);
      expect(listed.map((item) => item.id)).toEqual([...listed.map((item) => item.id)].sort());
      expect(await store.secrets.listEnvelopes(row.id, 1000)).not.toContainEqual(expect.objectContaining({ id: row.id }));
    });

    it("loses no update when concurrent writers race on one credential", async () => {
      const row = await store.credentials.create(newCredential(), auditEntry("credential.create"));
      const reports = await harness.concurrentIncrements(row.id, 4, 100);
      const successes = reports.reduce((sum, report) => sum + report.successes, 0);
      expect(reports.flatMap((report) => report.errors)).toEqual([]);
      expect(successes).toBe(400);
      const final = await store.credentials.get(row.id);
      expect(final?.notes).toBe(String(successes));
      expect(final?.version).toBe(1 + successes);
      expect((await store.audit.list({ credentialId: row.id, action: "credential.update" })).total).toBe(successes);
      expect((await store.audit.verifyChain()).broken).toBeNull();
    }, 60_000);

    describeListSuite(() => store);
    describeListScaleSuite(() => store);
    describeHealthSuite(() => store);
    describeIssuerOutageSuite(() => store);
    describeQuietCheckSuite(() => store);
    describeOperatorSuite(() => store);
    describeCheckRunSuite(() => store);
    describeAlertOutboxSuite(() => store);
    describeProvisioningSuite(() => store);
    describeIntrospectionClientSuite(() => harness);
    describeShareLinkSuite(() => harness);
    describeAuditFilterSuite(() => store);
    describeKindsSuite(() => harness);
    describeAuditChainSuite(open);
  });
}
