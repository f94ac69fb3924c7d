import { describe, expect, it } from "vitest";
import { nodeVersionWarning } from "./node-version";

describe("nodeVersionWarning", () => {
  const day = new Date("2026-12-07T12:00:00Z");

  it("warns on Node 20, whose security fixes ended in April 2026", () => {
    expect(nodeVersionWarning("v20.20.2", day)).toMatch(/Node\.js v20\.20\.2 reached its end of life on 2026-04-30.*22 or 24/);
  });

  it("warns on an odd, never-LTS release line and on one older than any listed", () => {
    expect(nodeVersionWarning("v23.1.0", day)).toMatch(/not a supported release line/);
    expect(nodeVersionWarning("v18.20.0", day)).toMatch(/not a supported release line/);
  });

  it("is quiet on a supported LTS line, and on one newer than this list knows", () => {
    expect(nodeVersionWarning("v22.12.0", day)).toBeNull();
    expect(nodeVersionWarning("v24.1.0", day)).toBeNull();
    expect(nodeVersionWarning("v28.0.0", day)).toBeNull();
    expect(nodeVersionWarning("v22.12.0", new Date("2027-05-01T00:00:00Z"))).toMatch(/end of life on 2027-04-30/);
  });
});
