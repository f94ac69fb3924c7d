import { describe, expect, it } from "vitest";
import { jobStepNames, type JobStep, type ProvisioningJob } from "@/lib/schemas/provisioning";
import { joinClauses, summarizeJob } from "./job-summary";

function job(states: Partial<Record<JobStep["name"], JobStep["state"]>>, overrides: Partial<ProvisioningJob> = {}): ProvisioningJob {
  return {
    id: "job-1",
    state: "failed",
    issuer: "https://acme.zitadel.cloud",
    authority: { kind: "operator", credentialId: null, label: "Your own ZITADEL account (Ada Admin)" },
    input: { userName: "acme-billing", name: "Billing", description: "", accessTokenType: "bearer", orgId: "1", role: "ORG_OWNER" },
    steps: jobStepNames.map((name) => ({
      name,
      state: states[name] ?? "pending",
      detail: null,
      diagnosis: null,
      attempts: 0,
      finishedAt: null,
    })),
    userId: null,
    credentialId: null,
    startedBy: { id: "ada", name: "Ada Admin" },
    createdAt: "2026-12-01T20:00:00Z",
    updatedAt: "2026-12-01T20:00:01Z",
    secretOffer: false,
    ...overrides,
  };
}

describe("summarizeJob", () => {
  it("says the user and its stored secret exist and the role was not granted when grant_role failed", () => {
    const failed = job({ create_user: "done", generate_secret: "done", register: "done", grant_role: "failed" });
    expect(summarizeJob(failed, "acme-billing")).toBe(
      "The user acme-billing exists in ZITADEL and its secret is stored in the credential “acme-billing”; the role Org Owner was not granted, no token was tried and its organization was not looked up.",
    );
  });

  it("warns that a secret generated but not stored is stored nowhere", () => {
    const failed = job({ create_user: "done", generate_secret: "done", register: "failed" });
    expect(summarizeJob(failed)).toMatch(/^The user acme-billing exists in ZITADEL and a secret was generated but is stored nowhere/);
    expect(summarizeJob(failed)).toContain("no credential was stored");
  });

  it("says nothing was done when the first step failed", () => {
    expect(summarizeJob(job({ create_user: "failed" }))).toMatch(/^Nothing was done: the user was not created, no secret was generated/);
  });

  it("lists everything done for a finished job, and names a role left out", () => {
    const done = job(
      { create_user: "done", generate_secret: "done", register: "done", grant_role: "skipped", test_token: "done", lookup_org: "done" },
      { state: "done" },
    );
    expect(summarizeJob(done, "billing")).toBe(
      "The user acme-billing exists in ZITADEL, its secret is stored in the credential “billing”, it got a token and its organization was found; the role Org Owner was left out.",
    );
  });

  it("says only what is done so far while the job runs", () => {
    expect(summarizeJob(job({ create_user: "done", generate_secret: "running" }, { state: "running" }))).toBe(
      "The user acme-billing exists in ZITADEL.",
    );
  });
});

describe("joinClauses", () => {
  it("joins with commas and a final and", () => {
    expect(joinClauses(["a"])).toBe("a");
    expect(joinClauses(["a", "b", "c"])).toBe("a, b and c");
  });
});
