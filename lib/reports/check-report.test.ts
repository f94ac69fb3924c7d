import { describe, expect, it } from "vitest";
import type { CredentialDto } from "@/lib/schemas/credential";
import type { TokenTestResult } from "@/lib/schemas/diagnostics";
import { buildReportJson, buildReportMarkdown } from "./check-report";

// A shared report names what was tested and why it failed, and carries no token in any form it could be used in.

const credential = {
  id: "c1",
  label: "ACME retired",
  issuer: "http://localhost:8080",
  clientId: "acme-retired",
  scopes: "openid urn:zitadel:iam:org:project:id:zitadel:aud",
  orgId: null,
  authMethod: "basic",
  kind: "client_secret",
} as CredentialDto;

const MASK = "eyJhbGci…Zz9x";

const failed: TokenTestResult = {
  outcome: "failed",
  cached: false,
  obtainedAt: "2026-12-07T10:00:00.000Z",
  latencyMs: 9,
  httpStatus: 400,
  diagnosis: {
    code: "user_inactive",
    title: "Service user is deactivated or locked",
    explanation: "ZITADEL does not issue tokens to a deactivated user.",
    fix: "Reactivate it.",
    httpStatus: 400,
    upstreamError: { error: "invalid_request", description: "Errors.User.NotActive" },
    requestId: "req-123",
    retryable: false,
  },
  transcript: {
    request: {
      method: "POST",
      url: "http://localhost:8080/oauth/v2/token",
      headers: [["Authorization", "Basic [REDACTED]"]],
      body: "grant_type=client_credentials",
    },
    response: {
      status: 400,
      contentType: "application/json",
      body: JSON.stringify({ error: "invalid_request", error_description: "Errors.User.NotActive", access_token: MASK }),
      otherFields: [],
      otherFieldsTotal: 0,
      latencyMs: 9,
    },
  },
  curl: 'read -rs CLIENT_SECRET\ncurl --user "$CLIENT_ID:$CLIENT_SECRET"',
};

describe("a shared report", () => {
  const input = { credential, tokenTest: failed, orgLookup: null, by: "Oscar Operator", now: new Date("2026-12-07T11:00:00.000Z") };

  it("says what was tested, by whom, ZITADEL's error and request ids, the diagnosis, the fix and the curl", () => {
    const markdown = buildReportMarkdown(input);
    for (const text of [
      "acme-retired",
      "http://localhost:8080",
      "Oscar Operator",
      "Errors.User.NotActive",
      "req-123",
      "Reactivate it.",
      "$CLIENT_SECRET",
    ]) {
      expect(markdown).toContain(text);
    }
    expect(buildReportJson(input).tokenTest?.diagnosis?.zitadelError?.error).toBe("invalid_request");
  });

  it("carries no part of a token: the mask becomes a placeholder", () => {
    expect(buildReportMarkdown(input)).not.toContain(MASK);
    expect(JSON.stringify(buildReportJson(input))).not.toContain(MASK);
  });
});
