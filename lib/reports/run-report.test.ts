import { describe, expect, it } from "vitest";
import type { RunDto, RunItemDto } from "@/lib/schemas/runs";
import { buildRunReportJson, runReportMarkdown, runReportSchema } from "./run-report";

// A test-all run's report: the counts, and each failing credential with its diagnosis, fix and the ids support needs.

const run: RunDto = {
  id: "run-1",
  startedBy: { id: "op-1", name: "Oscar Operator" },
  startedAt: "2026-12-07T10:00:00.000Z",
  finishedAt: "2026-12-07T10:01:00.000Z",
  state: "done",
  scope: { kind: "all" },
  total: 3,
  counts: { pending: 0, running: 0, working: 1, token_fails: 1, org_fails: 1, skipped: 0, cancelled: 0 },
  done: 3,
  etaSeconds: null,
  reason: null,
};

function item(label: string, status: RunItemDto["status"], code: string | null): RunItemDto {
  return {
    credentialId: label,
    label,
    issuer: "http://localhost:8080",
    state: "done",
    status,
    org: null,
    code,
    finishedAt: run.finishedAt,
  };
}

const input = {
  run,
  failing: [
    {
      item: item("ACME retired", "token_fails", "user_inactive"),
      diagnosis: {
        code: "user_inactive" as const,
        title: "Service user is deactivated or locked",
        explanation: "ZITADEL does not issue tokens to a deactivated user.",
        fix: "Reactivate it.",
        httpStatus: 400,
        upstreamError: { error: "invalid_request", description: "Errors.User.NotActive" },
        requestId: "run-1",
        retryable: false,
      },
    },
    { item: item("ACME no role", "org_fails", null), diagnosis: null },
  ],
  by: "Oscar Operator",
  now: new Date("2026-12-07T11:00:00.000Z"),
};

describe("a test-all run's report", () => {
  it("has the outcome counts and each failing credential with its diagnosis, fix, ZITADEL's error and the request id", () => {
    const report = buildRunReportJson(input);
    expect(runReportSchema.parse(report)).toEqual(report);
    expect(report.counts).toMatchObject({ working: 1, token_fails: 1, org_fails: 1 });
    const markdown = runReportMarkdown(report);
    for (const text of [
      "working: 1",
      "token_fails: 1",
      "ACME retired",
      "Reactivate it.",
      "Errors.User.NotActive",
      "Request ID: run-1",
      "ACME no role",
    ]) {
      expect(markdown).toContain(text);
    }
    expect(markdown).toContain("Failing credentials (2)");
  });
});
