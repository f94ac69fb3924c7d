import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { auditedPath, createRefusalSampler, MAX_AUDITED_PATH, type AnonymousRefusal } from "./sampled-refusals";

const refusal = (ip: string | null, path = "/api/credentials"): AnonymousRefusal => ({
  action: "access.denied",
  requestId: crypto.randomUUID(),
  ip,
  facts: { outcome: "denied", httpStatus: 401, detail: { reason: "no_session", path } },
});

describe("createRefusalSampler", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("writes a flood of refusals from one source as its first row and one row with the count per minute", async () => {
    const rows: AnonymousRefusal[] = [];
    const sampler = createRefusalSampler(async (row) => void rows.push(row), 60_000);
    for (let i = 0; i < 5_000; i += 1) await sampler.record(refusal(null));
    expect(rows).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(rows).toHaveLength(2);
    expect(rows[1]?.facts.detail).toMatchObject({ reason: "no_session", sampled: true, repeated: 4_999, windowSeconds: 60 });

    await sampler.record(refusal(null));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(rows).toHaveLength(3); // a lone refusal in the next minute: its own row, no count row
  });

  it("keeps a row per source, and folds sources past the bound into one", async () => {
    const rows: AnonymousRefusal[] = [];
    const sampler = createRefusalSampler(async (row) => void rows.push(row), 60_000, 3);
    for (let i = 0; i < 1_000; i += 1) await sampler.record(refusal(`10.0.${i >> 8}.${i & 255}`));
    expect(rows).toHaveLength(4);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(rows).toHaveLength(5);
    expect(rows[4]?.facts.detail).toMatchObject({ repeated: 996 });
  });
});

describe("auditedPath", () => {
  it("cuts an 8 KB path to a length an audit row can carry", () => {
    const path = auditedPath(`http://localhost/api/${"a".repeat(8 * 1024)}`);
    expect(path.length).toBeLessThanOrEqual(MAX_AUDITED_PATH + 1);
    expect(auditedPath("http://localhost/api/credentials?search=x")).toBe("/api/credentials");
  });
});
