import { describe, expect, it } from "vitest";
import type { CredentialDto } from "@/lib/schemas/credential";
import type { IntrospectionResult } from "@/lib/schemas/introspection";
import { buildIntrospectionReportJson, buildIntrospectionReportMarkdown } from "./introspection-report";

// An introspection's report says what ZITADEL answered and why it failed, and carries no token in a usable form.

const credential = {
  id: "c1",
  label: "ACME PAT",
  issuer: "http://localhost:8080",
  clientId: "acme-pat-user",
  scopes: "",
  orgId: null,
  authMethod: "basic",
  kind: "pat",
} as CredentialDto;

const MASK = "dGhpc2lz…Qk9U";

const inactive: Extract<IntrospectionResult, { configured: true }> = {
  configured: true,
  outcome: "inactive",
  at: "2026-12-07T10:00:00.000Z",
  latencyMs: 7,
  httpStatus: 200,
  claims: { active: false },
  diagnosis: {
    code: "token_inactive",
    title: "ZITADEL says the token is not active",
    explanation: "It expired or was revoked.",
    fix: "Create a new token.",
    requestId: "req-9",
    retryable: false,
  },
  transcript: {
    request: {
      method: "POST",
      url: "http://localhost:8080/oauth/v2/introspect",
      headers: [["Authorization", "Basic [REDACTED]"]],
      body: "token=[REDACTED]",
    },
    response: {
      status: 200,
      contentType: "application/json",
      body: JSON.stringify({ active: false, access_token: MASK }),
      otherFields: [],
      otherFieldsTotal: 0,
      latencyMs: 7,
    },
  },
};

describe("an introspection's report", () => {
  const input = { credential, result: inactive, by: "Oscar Operator", now: new Date("2026-12-07T11:00:00.000Z") };

  it("says what was introspected, ZITADEL's answer, the diagnosis, the fix and the request id", () => {
    const markdown = buildIntrospectionReportMarkdown(input);
    for (const text of [
      "acme-pat-user",
      "Outcome: inactive",
      "ZITADEL says the token is not active",
      "Create a new token.",
      "req-9",
      "token=[REDACTED]",
    ]) {
      expect(markdown).toContain(text);
    }
    expect(buildIntrospectionReportJson(input).introspection.diagnosis?.code).toBe("token_inactive");
  });

  it("carries no part of a token: a mask in the answer becomes a placeholder", () => {
    expect(buildIntrospectionReportMarkdown(input)).not.toContain(MASK);
    expect(JSON.stringify(buildIntrospectionReportJson(input))).not.toContain(MASK);
  });
});
