import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { OrgLookupResult } from "@/lib/schemas/diagnostics";
import { recentLookup, rememberLookup } from "./recent-lookups";

// A page's own lookup reuses a result while it is fresh, says how old it is, and never one of another version.

const result = (name: string): OrgLookupResult => ({
  outcome: "ok",
  org: { id: "200000000000000001", name, state: "active", primaryDomain: "acme.example", creationDate: "", changeDate: "" },
  latencyMs: 12,
  tokenCached: true,
  checkedAt: "2026-12-07T10:00:00.000Z",
  curl: "curl …",
});

describe("recent org lookups", () => {
  const t0 = Date.parse("2026-12-07T10:00:00.000Z");

  it("reuses a result younger than the freshness, with its age, and not once it is as old", () => {
    const credential = { id: randomUUID(), version: 3 };
    expect(recentLookup(credential, 60, t0)).toBeNull();
    rememberLookup(credential, result("ACME"), t0);
    expect(recentLookup(credential, 60, t0 + 42_500)).toEqual({ result: result("ACME"), ageSeconds: 42 });
    expect(recentLookup(credential, 60, t0 + 60_000)).toBeNull();
    expect(recentLookup(credential, 0, t0)).toBeNull();
  });

  it("a newer result replaces the older one; an edited credential (a new version) looks up again", () => {
    const credential = { id: randomUUID(), version: 1 };
    rememberLookup(credential, result("Old name"), t0);
    rememberLookup(credential, result("New name"), t0 + 30_000);
    expect(recentLookup(credential, 60, t0 + 80_000)?.result.org?.name).toBe("New name");
    expect(recentLookup({ ...credential, version: 2 }, 60, t0 + 31_000)).toBeNull();
  });
});
