import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Store } from "@/lib/server/store/types";

// A new store starts with the seed file's credentials (the demo's table); one that already holds any does not.

const env = vi.hoisted(() => {
  process.env.NEXTAUTH_SECRET = "unit-test-auth-secret-0123456789abcdef";
  process.env.SECRETS_KEY = Buffer.alloc(32, 9).toString("base64");
  process.env.LOG_LEVEL = "silent";
  return { store: undefined as Promise<Store> | undefined };
});

vi.mock("@/lib/server/store", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/server/store")>()),
  getStore: () => env.store,
}));

const { createStore } = await import("@/lib/server/store");
const { seedCredentials } = await import("./seed-credentials");
const { listAudit } = await import("@/lib/server/audit");

const dir = mkdtempSync(join(tmpdir(), "m2m-seed-"));
const ISSUER = "https://acme.zitadel.cloud";
let store: Store;

function seedFile(content: unknown): string {
  const path = join(dir, `seed-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, JSON.stringify(content));
  return path;
}

beforeAll(async () => {
  env.store = createStore({ driver: "sqlite", path: join(dir, "console.sqlite") });
  store = await env.store;
});

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("seedCredentials", () => {
  it("refuses a file whose entries do not parse, naming the file and the field, and registers nothing", async () => {
    const path = seedFile({ credentials: [{ label: "No secret", issuer: ISSUER, clientId: "a" }] });
    await expect(seedCredentials(path)).rejects.toThrow(/seed-.*\.json[\s\S]*clientSecret/);
    expect(await store.secrets.listEnvelopes(null, 10)).toEqual([]);
  });

  it("registers every credential and introspection client of a new store, as system, and only once", async () => {
    const path = seedFile({
      credentials: [
        { label: "Reporter", issuer: ISSUER, clientId: "acme-reporter", clientSecret: "Rep0rterDemoSecretAcme2026xxxxx1", tags: ["demo"] },
        {
          kind: "pat",
          label: "Reporter (PAT)",
          issuer: ISSUER,
          token: "A4WCeaWhyKr8yDbpqflY0cIvFq5wdA-7sWvTnV0j0sFQra7EFttff4D1Z2PgJKpcNi4Fbg",
        },
      ],
      introspectionClients: [{ issuer: ISSUER, clientId: "demo-api", clientSecret: "demo-api-secret" }],
    });
    expect(await seedCredentials(path)).toBe(2);
    const tags = await store.credentials.listTags();
    expect(tags).toEqual(["demo"]);
    expect((await store.secrets.listEnvelopes(null, 10)).map((row) => row.clientId)).toContain("acme-reporter");
    expect((await store.introspectionClients.list()).map((row) => row.clientId)).toEqual(["demo-api"]);
    const audit = await listAudit({ limit: 20 });
    expect(audit.items.filter((row) => row.action === "credential.create").map((row) => row.actor)).toEqual(["system", "system"]);

    expect(await seedCredentials(path)).toBe(0);
    expect(await store.secrets.listEnvelopes(null, 10)).toHaveLength(2);
  });
});
