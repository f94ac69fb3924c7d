import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ApiError } from "@/lib/api-error";
import { createCredentialSchema } from "@/lib/schemas/credential";
import type { Store } from "@/lib/server/store/types";

// The use cases against a real SQLite store and the real keyring: what an operator does, and what lands on disk.

const env = vi.hoisted(() => {
  process.env.NEXTAUTH_SECRET = "unit-test-auth-secret-0123456789abcdef";
  process.env.SECRETS_KEY = Buffer.alloc(32, 7).toString("base64");
  process.env.LOG_LEVEL = "silent";
  return { store: undefined as Promise<Store> | undefined };
});

vi.mock("@/lib/server/store", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/server/store")>()),
  getStore: () => env.store,
}));

const { createStore } = await import("@/lib/server/store");
const { open, secretContext } = await import("@/lib/server/crypto");
const uc = await import("@/lib/server/credentials");
const { listAudit } = await import("@/lib/server/audit");
const { exportQuerySchema } = await import("@/lib/schemas/credential-export");

const dir = mkdtempSync(join(tmpdir(), "m2m-credentials-"));
let store: Store;
const context = {
  operator: { id: "op-123", name: "Ada Admin", email: "ada@example.com", login: "ada", role: "admin" as const, sessionIdHash: "session-1" },
  requestId: "req-1",
  ip: "192.0.2.7",
};
const SECRET = `ZsEcReT-${randomBytes(12).toString("hex")}-end1`;
const input = (overrides: Record<string, unknown> = {}) =>
  createCredentialSchema.parse({
    label: "Billing sync",
    issuer: "https://acme.zitadel.cloud",
    clientId: `billing-${randomBytes(3).toString("hex")}`,
    clientSecret: SECRET,
    tags: ["prod"],
    ...overrides,
  });

beforeAll(async () => {
  env.store = createStore({ driver: "sqlite", path: join(dir, "console.sqlite") });
  store = await env.store;
});

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail("expected a rejection"),
    (error: unknown) => error,
  );
}

describe("a credential's life", () => {
  it("create → duplicate 409 → stale update 409 → replace secret → re-seal on client ID change → delete", async () => {
    const created = await uc.createCredential(context, input({ clientId: "billing-sa" }));
    expect(created).toMatchObject({ clientId: "billing-sa", hasSecret: true, secretHint: "••••end1", version: 1, createdBy: "Ada Admin" });

    const row = await store.credentials.get(created.id);
    expect(row?.secretEnvelope).toMatch(/^v1\./);
    expect(open(row!.secretEnvelope!, secretContext(created.id, created.issuer, "billing-sa"))).toBe(SECRET);

    const duplicate = await rejection(uc.createCredential(context, input({ clientId: "billing-sa", label: "Again" })));
    expect(duplicate).toBeInstanceOf(ApiError);
    expect(duplicate).toMatchObject({ status: 409, fields: { clientId: [expect.stringContaining("already registered")] } });

    const renamed = await uc.updateCredential(context, created.id, { version: 1, label: "Billing sync (prod)" });
    expect(renamed).toMatchObject({ label: "Billing sync (prod)", version: 2 });
    const stale = await rejection(uc.updateCredential(context, created.id, { version: 1, label: "Lost update" }));
    expect(stale).toMatchObject({ name: "StoreConflictError", reason: "version" });
    expect((await uc.getCredential(created.id)).label).toBe("Billing sync (prod)");

    const NEW_SECRET = `${SECRET}-rotated-9xyz`;
    const replaced = await uc.replaceSecret(context, created.id, { clientSecret: NEW_SECRET, version: 2 });
    expect(replaced).toMatchObject({ version: 3, secretHint: "••••9xyz" });
    const afterReplace = await store.credentials.get(created.id);
    expect(open(afterReplace!.secretEnvelope!, secretContext(created.id, created.issuer, "billing-sa"))).toBe(NEW_SECRET);

    const moved = await uc.updateCredential(context, created.id, { version: 3, clientId: "billing-sa@acme.zitadel.cloud" });
    expect(moved.clientId).toBe("billing-sa@acme.zitadel.cloud");
    const afterMove = await store.credentials.get(created.id);
    expect(open(afterMove!.secretEnvelope!, secretContext(created.id, created.issuer, "billing-sa@acme.zitadel.cloud"))).toBe(NEW_SECRET);
    expect(() => open(afterMove!.secretEnvelope!, secretContext(created.id, created.issuer, "billing-sa"))).toThrow();
    expect(afterMove!.secretUpdatedAt).toBe(afterReplace!.secretUpdatedAt);

    expect(await rejection(uc.deleteCredential(context, created.id, 3))).toMatchObject({ reason: "version" });
    await uc.deleteCredential(context, created.id, 4);
    expect(await rejection(uc.getCredential(created.id))).toMatchObject({ name: "StoreNotFoundError" });

    const audit = await listAudit({ credentialId: created.id, limit: 50, cursor: null });
    const actions = audit.items.map((item) => `${item.action}:${item.outcome}`).reverse();
    expect(actions).toEqual([
      "credential.create:success",
      "credential.update:success",
      "credential.update:failure",
      "credential.secret.replace:success",
      "credential.update:success",
      "credential.delete:failure",
      "credential.delete:success",
    ]);
    expect(audit.items.every((item) => item.actor === "op-123" && item.actorName === "Ada Admin" && item.requestId === "req-1")).toBe(true);
    expect(JSON.stringify(audit)).not.toContain(SECRET);
  });

  it("an update that changes nothing writes nothing", async () => {
    const created = await uc.createCredential(context, input());
    const same = await uc.updateCredential(context, created.id, { version: 1, label: created.label, tags: ["prod"] });
    expect(same.version).toBe(1);
  });

  it("refuses an issuer the address policy refuses, as a field error on issuer", async () => {
    const refused = await rejection(uc.createCredential(context, input({ issuer: "http://10.0.0.8" })));
    expect(refused).toMatchObject({ status: 422, fields: { issuer: [expect.stringContaining("http")] } });
  });
});

describe("one credential", () => {
  it("carries its own health, as the list shows it: never tested, then what its last check found", async () => {
    const clientId = `health-${randomBytes(3).toString("hex")}`;
    const created = await uc.createCredential(context, input({ clientId }));
    // Another credential at the same issuer whose label holds this one's client ID, and which failed.
    const namesake = await uc.createCredential(context, input({ label: `Copy of ${clientId}`, clientId: `other-${clientId}` }));
    await store.testRuns.recordCheck(
      {
        credentialId: namesake.id,
        kind: "token",
        actor: "op-123",
        actorName: "Ada",
        outcome: "invalid_secret",
        httpStatus: 400,
        latencyMs: 9,
        orgId: null,
        orgName: null,
        cached: false,
        at: new Date().toISOString(),
      },
      { actor: "op-123", action: "token.test", credentialId: namesake.id, outcome: "failure" },
      { token: "invalid_secret" },
    );
    expect((await uc.getCredential(created.id)).health).toMatchObject({ status: "untested", since: null, lastCheckedAt: null });

    const at = new Date().toISOString();
    await store.testRuns.recordCheck(
      {
        credentialId: created.id,
        kind: "org",
        actor: "op-123",
        actorName: "Ada",
        outcome: "missing_permission",
        httpStatus: 403,
        latencyMs: 12,
        orgId: null,
        orgName: null,
        cached: false,
        at,
      },
      { actor: "op-123", action: "org.lookup", credentialId: created.id, outcome: "failure" },
      { token: "ok", org: { ok: false, code: "missing_permission" } },
    );
    const shown = await uc.getCredential(created.id);
    expect(shown).toMatchObject({ id: created.id, label: "Billing sync", clientId });
    expect(shown.health).toEqual({
      status: "org_fails",
      since: at,
      lastCheckedAt: at,
      diagnosisCode: "missing_permission",
      lastKnownOrg: null,
    });
    expect((await uc.getCredential(namesake.id)).health).toMatchObject({ status: "token_fails", diagnosisCode: "invalid_secret" });
  });
});

describe("toCredentialDto", () => {
  it("never carries the envelope, and shows at most the last 4 characters", async () => {
    const created = await uc.createCredential(context, input());
    const row = (await store.credentials.get(created.id))!;
    const dto = uc.toCredentialDto(row);
    expect(Object.keys(dto).sort()).toEqual(
      [
        "id",
        "label",
        "issuer",
        "clientId",
        "serviceUser",
        "scopes",
        "orgId",
        "authMethod",
        "tags",
        "notes",
        "kind",
        "key",
        "expiresAt",
        "expiry",
        "hasSecret",
        "secretHint",
        "secretUpdatedAt",
        "version",
        "createdAt",
        "createdBy",
        "updatedAt",
      ].sort(),
    );
    expect(JSON.stringify(dto)).not.toContain(row.secretEnvelope!);
    expect(JSON.stringify(dto)).not.toContain(SECRET);
    expect(uc.toCredentialDto({ ...row, secretEnvelope: null, secretHint: null })).toMatchObject({ hasSecret: false, secretHint: null });
  });

  it("gives short secrets a shorter hint", async () => {
    const created = await uc.createCredential(context, input({ clientSecret: "abcdefgh" }));
    expect(created.secretHint).toBe("••••gh");
    const tiny = await uc.createCredential(context, input({ clientSecret: "abc" }));
    expect(tiny.secretHint).toBe("••••");
  });
});

describe("import and export", () => {
  it("creates the valid CSV rows and reports the others with their line numbers", async () => {
    const csv = [
      "label,issuer,clientId,clientSecret,scopes,orgId,authMethod,tags",
      `Reports,https://acme.zitadel.cloud/,reports-sa,${SECRET},openid  profile,,post,reports;prod`,
      "No secret,https://acme.zitadel.cloud,nosecret-sa,,,,,",
      `"Multi`,
      `line",ftp://acme.zitadel.cloud,ftp-sa,${SECRET},,,,`,
      `Dupe,https://acme.zitadel.cloud,reports-sa,${SECRET},,,,`,
      `Short row,https://acme.zitadel.cloud`,
      `Org,https://acme.zitadel.cloud,org-sa,${SECRET},,2863178493,BASIC,`,
    ].join("\n");
    const result = await uc.importCredentials(context, { format: "csv", text: csv });
    expect(result.created).toBe(2);
    expect(result.failed).toEqual([
      // Each refused row names its client ID, so the operator can tell which credential it was.
      { row: 3, message: "Some fields are not valid.", clientId: "nosecret-sa", fields: { clientSecret: ["Enter the client secret."] } },
      { row: 4, message: "Some fields are not valid.", clientId: "ftp-sa", fields: { issuer: ["The issuer must be an https:// URL."] } },
      // The duplicate names the credential it collided with, so its secret can be replaced instead.
      {
        row: 6,
        message: expect.stringContaining("already registered as Reports"),
        clientId: "reports-sa",
        fields: { clientId: [expect.any(String)] },
        conflict: { credentialId: result.createdIds[0], version: 1, label: "Reports" },
      },
      { row: 7, message: "This row has 2 cells; the header has 8." },
    ]);
    const reports = await uc.getCredential(result.createdIds[0]!);
    expect(reports).toMatchObject({
      issuer: "https://acme.zitadel.cloud",
      scopes: "openid profile",
      authMethod: "post",
      tags: ["reports", "prod"],
    });
    const org = await uc.getCredential(result.createdIds[1]!);
    expect(org).toMatchObject({ orgId: "2863178493", authMethod: "basic" });
    const audit = await listAudit({ credentialId: reports.id, limit: 10, cursor: null });
    expect(audit.items[0]).toMatchObject({ action: "credential.import", detail: { row: 2 } });
  });

  it("refuses a CSV whose header it cannot map, before creating anything", async () => {
    await expect(uc.importCredentials(context, { format: "csv", text: "label,issuer,clientId,secret\na,b,c,d" })).rejects.toMatchObject({
      status: 422,
      fields: { text: [expect.stringContaining('Unknown column "secret"')] },
    });
    await expect(uc.importCredentials(context, { format: "csv", text: 'label,issuer,clientId,clientSecret\n"a,b' })).rejects.toMatchObject({
      status: 422,
    });
  });

  it("answers 413 for a CSV over 256 KiB", async () => {
    const text = `label,issuer,clientId,clientSecret\n${"x".repeat(257 * 1024)}`;
    await expect(uc.importCredentials(context, { format: "csv", text })).rejects.toMatchObject({ status: 413 });
  });

  it("imports one pasted ZITADEL dialog", async () => {
    const result = await uc.importCredentials(context, {
      format: "zitadel",
      label: "Pasted",
      issuer: "https://acme.zitadel.cloud",
      scopes: "openid",
      orgId: null,
      authMethod: "basic",
      tags: [],
      notes: "",
      text: [{ clientId: "pasted-sa", clientSecret: SECRET }],
    });
    expect(result).toMatchObject({ created: 1, failed: [], registered: [{ row: 1, label: "Pasted", clientId: "pasted-sa" }] });
  });

  it("imports every pasted dialog and names each pair it registered or refused", async () => {
    const paste = {
      format: "zitadel" as const,
      issuer: "https://acme.zitadel.cloud",
      scopes: "openid",
      orgId: null,
      authMethod: "basic" as const,
      tags: [],
      notes: "",
    };
    await uc.importCredentials(context, { ...paste, text: [{ clientId: "taken-sa", clientSecret: SECRET }] });
    const result = await uc.importCredentials(context, {
      ...paste,
      text: [
        { clientId: "first-sa", clientSecret: SECRET },
        { clientId: "second-sa", clientSecret: SECRET },
        { clientId: "half-sa" },
        { clientId: "taken-sa", clientSecret: SECRET },
      ],
    });
    expect(result.created).toBe(2);
    expect(result.registered).toEqual([
      { row: 1, id: result.createdIds[0], label: "first-sa", clientId: "first-sa" },
      { row: 2, id: result.createdIds[1], label: "second-sa", clientId: "second-sa" },
    ]);
    expect(result.failed).toEqual([
      { row: 3, clientId: "half-sa", message: expect.stringContaining("No ClientSecret found for half-sa") },
      expect.objectContaining({ row: 4, clientId: "taken-sa", conflict: expect.objectContaining({ label: "taken-sa" }) }),
    ]);
    const labelled = await uc.importCredentials(context, {
      ...paste,
      label: "Billing",
      text: [
        { clientId: "third-sa", clientSecret: SECRET },
        { clientId: "fourth-sa", clientSecret: SECRET },
      ],
    });
    expect(labelled.registered.map((item) => item.label)).toEqual(["Billing (third-sa)", "Billing (fourth-sa)"]);
  });

  it("names a pasted dialog without a label by its client ID", async () => {
    const result = await uc.importCredentials(context, {
      format: "zitadel",
      issuer: "https://acme.zitadel.cloud",
      scopes: "openid",
      orgId: null,
      authMethod: "basic",
      tags: [],
      notes: "",
      text: [{ clientId: "unlabelled-sa", clientSecret: SECRET }],
    });
    expect((await uc.getCredential(result.createdIds[0]!)).label).toBe("unlabelled-sa");
  });

  it("exports without secrets, and defuses spreadsheet formulas", async () => {
    await uc.createCredential(context, input({ label: '=HYPERLINK("http://evil")', notes: "+1 call me", clientId: "@formula-sa" }));
    const csv = await uc.exportCredentials({ format: "csv" });
    expect(csv.contentType).toContain("text/csv");
    expect(csv.filename).toMatch(/^m2m-credentials-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(csv.body.split("\n")[0]).toBe(
      "id,label,issuer,clientId,scopes,orgId,authMethod,tags,notes,hasSecret,secretHint,secretUpdatedAt,version,createdAt,createdBy,updatedAt,lastOrgId,lastOrgName,status,lastCheckedAt,kind,expiresAt,expiry,diagnosisCode",
    );
    expect(csv.body).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(csv.body).toContain(",'+1 call me,");
    expect(csv.body).toContain(",'@formula-sa,");
    expect(csv.body).not.toContain(SECRET);
    const json = await uc.exportCredentials({ format: "json" });
    const parsed = JSON.parse(json.body) as { items: Record<string, unknown>[] };
    expect(parsed.items.length).toBeGreaterThan(3);
    expect(parsed.items.every((item) => !("clientSecret" in item) && !("secretEnvelope" in item))).toBe(true);
    expect(json.body).not.toContain(SECRET);
  });

  it("exports what the list shows: only the credentials its search finds, with the last known org and the health status", async () => {
    const tag = `x${randomBytes(3).toString("hex")}`;
    const found = await uc.createCredential(context, input({ label: `Ledger ${tag}`, tags: [tag] }));
    await uc.createCredential(context, input({ label: `Other ${tag}`, tags: [tag] }));
    const run = { credentialId: found.id, actor: "op-123", actorName: "Ada", latencyMs: 9, cached: false, kind: "org" as const };
    const audit = { action: "org.lookup" as const, actor: "op-123", actorName: "Ada", credentialId: found.id, outcome: "success" as const };
    const hourAgo = new Date(Date.now() - 3600_000).toISOString();
    const now = new Date().toISOString();
    const org = { id: "2863178493", name: "ACME Corporation" };
    await store.testRuns.recordCheck({ ...run, outcome: "ok", httpStatus: 200, orgId: org.id, orgName: org.name, at: hourAgo }, audit, {
      token: "ok",
      org: { ok: true, ...org },
    });
    // A later failed lookup keeps the last known org; the status is the health the list shows.
    await store.testRuns.recordCheck(
      { ...run, outcome: "missing_permission", httpStatus: 403, orgId: null, orgName: null, at: now },
      audit,
      {
        token: "ok",
        org: { ok: false, code: "missing_permission" },
      },
    );

    const json = JSON.parse((await uc.exportCredentials({ format: "json", search: `ledger ${tag}` })).body) as {
      items: Record<string, unknown>[];
    };
    expect(json.items).toEqual([
      expect.objectContaining({
        id: found.id,
        lastOrgId: "2863178493",
        lastOrgName: "ACME Corporation",
        status: "org_fails",
        diagnosisCode: "missing_permission",
        lastCheckedAt: now,
      }),
    ]);
    const csv = (await uc.exportCredentials({ format: "csv", tag, sort: "label", order: "desc" })).body.trim().split("\n");
    expect(csv.slice(1).map((line) => line.split(",")[1])).toEqual([`Other ${tag}`, `Ledger ${tag}`]);
    expect(csv[2]).toContain(`,2863178493,ACME Corporation,org_fails,${now},client_secret,,,missing_permission`);
    expect(csv[1]).toMatch(/,,,untested,,client_secret,,,$/);
  });

  it("exports what a filtered list shows: only the credentials its status, org and issuer filters leave", async () => {
    const tag = `f${randomBytes(3).toString("hex")}`;
    const make = (label: string, issuer = "https://acme.zitadel.cloud") =>
      uc.createCredential(context, input({ label: `${label} ${tag}`, tags: [tag], issuer }));
    const failing = await make("Failing");
    const working = await make("Working");
    const untested = await make("Untested");
    const elsewhere = await make("Elsewhere", "https://globex.zitadel.cloud");
    const at = new Date().toISOString();
    const check = (id: string, token: string, org?: { ok: true; id: string; name: string }) =>
      store.testRuns.recordCheck(
        {
          credentialId: id,
          kind: org ? "org" : "token",
          actor: "op-123",
          actorName: "Ada",
          outcome: token,
          httpStatus: 200,
          latencyMs: 9,
          orgId: org?.id ?? null,
          orgName: org?.name ?? null,
          cached: false,
          at,
        },
        { action: org ? "org.lookup" : "token.test", actor: "op-123", actorName: "Ada", credentialId: id, outcome: "success" },
        { token, ...(org ? { org } : {}) },
      );
    await check(failing.id, "invalid_secret");
    await check(working.id, "ok", { ok: true, id: "2863178493", name: "ACME Corporation" });
    await check(elsewhere.id, "ok", { ok: true, id: "2863178493", name: "ACME Corporation" });
    const ids = async (filters: Parameters<typeof uc.exportCredentials>[0]) =>
      (JSON.parse((await uc.exportCredentials({ format: "json", tag, ...filters })).body) as { items: { id: string }[] }).items.map(
        (item) => item.id,
      );

    expect(await ids({ status: "token_fails" })).toEqual([failing.id]);
    expect(await ids({ status: "untested" })).toEqual([untested.id]);
    expect(await ids({ org: "2863178493", sort: "label", order: "asc" })).toEqual([elsewhere.id, working.id]);
    expect(await ids({ org: "2863178493", issuer: "https://globex.zitadel.cloud" })).toEqual([elsewhere.id]);
    const csv = (await uc.exportCredentials({ format: "csv", tag, status: "working", issuer: "https://acme.zitadel.cloud" })).body;
    expect(
      csv
        .trim()
        .split("\n")
        .slice(1)
        .map((line) => line.split(",")[0]),
    ).toEqual([working.id]);
  });

  // The operator's edit: a clientSecret column (CSV) or field (JSON) added to what the export wrote, nothing else.
  const withSecrets = {
    csv: (text: string) => {
      const [header = [], ...records] = parse(text) as string[][];
      return stringify([[...header, "clientSecret"], ...records.map((record) => [...record, SECRET])]);
    },
    json: (text: string) => {
      const file = JSON.parse(text) as { items: Record<string, unknown>[] };
      return JSON.stringify({ ...file, items: file.items.map((item) => ({ ...item, clientSecret: SECRET })) });
    },
  };

  it.each(["csv", "json"] as const)("an export (%s) with a clientSecret added imports again as the same credentials", async (format) => {
    const tag = `r${randomBytes(3).toString("hex")}`;
    const originals = [
      await uc.createCredential(
        context,
        input({
          label: `=Formula ${tag}`,
          clientId: `@formula-${tag}`,
          tags: [tag, "prod"],
          notes: '-1, "quoted"\nsecond line',
          scopes: "openid profile",
          authMethod: "post",
          orgId: "2863178493",
        }),
      ),
      await uc.createCredential(context, input({ label: `Plain ${tag}`, clientId: `plain-${tag}`, tags: [tag] })),
    ];
    const exported = (await uc.exportCredentials({ format, tag })).body;
    for (const credential of originals) await uc.deleteCredential(context, credential.id, credential.version);

    const result = await uc.importCredentials(context, { format, text: withSecrets[format](exported) });
    expect(result).toMatchObject({ created: 2, failed: [] });
    const imported = await Promise.all(result.createdIds.map((id) => uc.getCredential(id)));
    const registered = ({ label, issuer, clientId, scopes, orgId, authMethod, tags, notes, kind }: (typeof originals)[number]) => ({
      label,
      issuer,
      clientId,
      scopes,
      orgId,
      authMethod,
      tags,
      notes,
      kind,
    });
    expect(imported.map(registered)).toEqual(originals.map(registered));
    for (const credential of imported) {
      const row = await store.credentials.get(credential.id);
      expect(open(row!.secretEnvelope!, secretContext(credential.id, credential.issuer, credential.clientId))).toBe(SECRET);
    }
  });

  it("refuses a JSON import with a field neither the export nor an import knows, or an item of another kind", async () => {
    const item = { label: "x", issuer: "https://acme.zitadel.cloud", clientId: "json-sa", clientSecret: SECRET };
    const result = await uc.importCredentials(context, {
      format: "json",
      text: JSON.stringify([
        { ...item, secret: "typo" },
        { ...item, kind: "pat" },
      ]),
    });
    expect(result).toEqual({
      created: 0,
      createdIds: [],
      registered: [],
      failed: [
        { row: 1, message: expect.stringContaining('Unknown field "secret"') },
        { row: 2, message: expect.stringContaining("JSON import registers client secrets only") },
      ],
    });
    await expect(uc.importCredentials(context, { format: "json", text: "{ not json" })).rejects.toMatchObject({ status: 422 });
  });

  it("the export takes the list's own query: a status the list refuses is refused", () => {
    expect(exportQuerySchema.safeParse({ status: "broken" }).success).toBe(false);
    expect(exportQuerySchema.parse({ status: "stale", org: " 42 ", issuer: "" })).toMatchObject({
      status: "stale",
      org: "42",
      issuer: undefined,
      format: "json",
    });
  });
});

describe("at rest", () => {
  it("no registered secret appears in the database files", async () => {
    await uc.createCredential(context, input({ clientId: "on-disk-sa" }));
    for (const name of readdirSync(dir)) {
      expect(readFileSync(join(dir, name)).includes(Buffer.from(SECRET)), name).toBe(false);
    }
  });
});

describe("listing", () => {
  it("searches, filters by tag and pages with a cursor", async () => {
    const page = await uc.listCredentials({ search: "reports", sort: "label", order: "asc", limit: 50, cursor: null });
    expect(page.items.map((item) => item.clientId)).toEqual(["reports-sa"]);
    expect(page.items[0]).toMatchObject({ lastTest: null });
    const first = await uc.listCredentials({ tag: "prod", sort: "label", order: "asc", limit: 2, cursor: null });
    expect(first.total).toBeGreaterThan(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await uc.listCredentials({ tag: "prod", sort: "label", order: "asc", limit: 2, cursor: first.nextCursor });
    expect(second.items[0]?.id).not.toBe(first.items[0]?.id);
  });
});
