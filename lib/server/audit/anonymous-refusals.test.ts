import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Store } from "@/lib/server/store/types";

// Through the real recorder and store: a flood of refusals from someone with no account adds a bounded number of
// audit rows, whatever its size, and none of them carries the flood's 8 KB paths.

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

const { listAuditQuerySchema } = await import("@/lib/schemas/audit");
const { createStore } = await import("@/lib/server/store");
const { auditedPath, listAudit, recordAnonymousRefusal } = await import("@/lib/server/audit");
const { SAMPLE_WINDOW_MS } = await import("./sampled-refusals");

const dir = mkdtempSync(join(tmpdir(), "m2m-refusals-"));
let store: Store;

beforeAll(async () => {
  env.store = createStore({ driver: "sqlite", path: join(dir, "console.sqlite") });
  store = await env.store;
});

afterAll(async () => {
  vi.useRealTimers();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const refusal = (ip: string | null) => ({
  action: "access.denied" as const,
  requestId: crypto.randomUUID(),
  ip,
  facts: {
    outcome: "denied" as const,
    httpStatus: 401,
    detail: { reason: "no_session", path: auditedPath(`http://localhost/api/credentials/${"x".repeat(8 * 1024)}`) },
  },
});

async function anonymousRows() {
  const rows = [];
  let cursor: string | null = null;
  do {
    const page = await listAudit(listAuditQuerySchema.parse({ actor: "anonymous", limit: 200, cursor: cursor ?? undefined }));
    rows.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return rows;
}

describe("anonymous refusals in the audit log", () => {
  it("10,000 refusals from 1,000 sources in a minute add a row and a count per tracked source, and every refusal is counted", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "Date"] });
    for (let i = 0; i < 10_000; i += 1) await recordAnonymousRefusal(refusal(i % 10 === 0 ? null : `10.1.${(i % 1_000) >> 8}.${i % 256}`));
    const during = await anonymousRows();
    // The first hundred sources get a row each; the rest share one.
    expect(during.length).toBeLessThanOrEqual(101);

    await vi.advanceTimersByTimeAsync(SAMPLE_WINDOW_MS);
    const after = await anonymousRows();
    expect(after.length).toBeLessThanOrEqual(2 * 101);
    // A source's first refusal is a row of its own; the rest of its minute are the count on one sampled row.
    const counted = after.reduce((sum, row) => sum + (row.detail?.sampled ? Number(row.detail.repeated) : 1), 0);
    expect(counted).toBe(10_000);
    for (const row of after) expect(String(row.detail?.path).length).toBeLessThanOrEqual(257);
  });
});
