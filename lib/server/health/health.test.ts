import { describe, expect, it, vi } from "vitest";

// Stale is decided when the list is read: a failure that was last checked two days ago must not look current.

vi.mock("@/lib/env", () => ({ getEnv: () => ({ HEALTH_STALE_AFTER_HOURS: 24 }) }));
const { staleBefore, toHealth } = await import("./index");

const org = { id: "200000000000000001", name: "ACME Corporation", at: "2026-11-01T00:00:00.000Z" };

describe("a credential's health as read", () => {
  const now = Date.parse("2026-12-01T12:00:00.000Z");
  const cutoff = staleBefore(now);

  it("puts the cut-off HEALTH_STALE_AFTER_HOURS back", () => {
    expect(cutoff).toBe("2026-11-30T12:00:00.000Z");
  });

  it("shows a check older than the cut-off as stale, keeping its diagnosis and last known org", () => {
    const row = {
      status: "org_fails" as const,
      code: "missing_permission",
      since: "2026-11-01T00:00:00.000Z",
      checkedAt: "2026-11-29T00:00:00.000Z",
      lastOrg: org,
    };
    expect(toHealth(row, cutoff)).toEqual({
      status: "stale",
      since: "2026-11-01T00:00:00.000Z",
      lastCheckedAt: "2026-11-29T00:00:00.000Z",
      diagnosisCode: "missing_permission",
      lastKnownOrg: org,
    });
    expect(toHealth({ ...row, checkedAt: "2026-12-01T11:00:00.000Z" }, cutoff).status).toBe("org_fails");
  });

  it("shows a credential never checked as untested", () => {
    expect(toHealth({ status: null, code: null, since: null, checkedAt: null, lastOrg: null }, cutoff).status).toBe("untested");
  });
});
