import { describe, expect, it } from "vitest";
import type { CredentialDto } from "@/lib/schemas/credential";
import type { Diagnosis, OrgLookupResult, TokenTestResult } from "@/lib/schemas/diagnostics";
import { buildFlow } from "./flow";

// The presenter's script as an audience sees it: which steps, in which order, where it fails, and no token's characters.

const ACCESS_TOKEN_MASK = "eyJhbGci…Zz9x";

const credential: CredentialDto = {
  id: "c1",
  label: "ACME reporter",
  issuer: "http://localhost:8080",
  clientId: "acme-reporter",
  serviceUser: null,
  scopes: "openid urn:zitadel:iam:org:project:id:zitadel:aud",
  orgId: null,
  authMethod: "basic",
  tags: [],
  notes: "",
  kind: "client_secret",
  key: null,
  expiresAt: null,
  expiry: null,
  hasSecret: true,
  secretHint: "xxx1",
  secretUpdatedAt: null,
  version: 1,
  createdAt: "2026-12-07T10:00:00.000Z",
  createdBy: "ada",
  updatedAt: "2026-12-07T10:00:00.000Z",
};

const scopes = [
  { scope: "openid", meaning: "Makes it an OpenID Connect request." },
  { scope: "urn:zitadel:iam:org:project:id:zitadel:aud", meaning: "Puts ZITADEL's own API project in the token's audience." },
];

const tokenTest: TokenTestResult = {
  outcome: "ok",
  cached: false,
  obtainedAt: "2026-12-07T10:00:00.000Z",
  latencyMs: 12,
  httpStatus: 200,
  transcript: {
    request: {
      method: "POST",
      url: "http://localhost:8080/oauth/v2/token",
      headers: [["Authorization", "Basic [REDACTED]"]],
      body: "grant_type=client_credentials&scope=openid",
    },
    response: {
      status: 200,
      contentType: "application/json",
      body: JSON.stringify({ access_token: ACCESS_TOKEN_MASK, token_type: "Bearer", expires_in: 43199 }),
      otherFields: [],
      otherFieldsTotal: 0,
      latencyMs: 12,
    },
  },
  token: {
    tokenType: "Bearer",
    expiresIn: 43199,
    expiresAt: "2026-12-07T22:00:00.000Z",
    kind: "jwt",
    fingerprint: "sha256:0011223344556677",
    masked: ACCESS_TOKEN_MASK,
    length: 812,
    audience: ["zitadel-project"],
    scopesRequested: ["openid"],
    claims: { sub: "acme-reporter", aud: ["zitadel-project"] },
    signature: "verified",
    zitadel: {},
  },
  curl: "read -rs CLIENT_SECRET\ncurl …",
};

const orgLookup: OrgLookupResult = {
  outcome: "ok",
  org: {
    id: "200000000000000001",
    name: "ACME Corporation",
    primaryDomain: "acme.localhost",
    state: "active",
    creationDate: null,
    changeDate: null,
  },
  latencyMs: 8,
  tokenCached: true,
  checkedAt: "2026-12-07T10:00:01.000Z",
  curl: "read -rs TOKEN\ncurl …",
};

const noRole: Diagnosis = {
  code: "missing_permission",
  title: "No permission",
  explanation: "No role.",
  fix: "Grant Org Owner.",
  retryable: false,
};

describe("the presenter's flow", () => {
  it("walks a client secret from the token request to the organization, each scope with what it adds", () => {
    const steps = buildFlow({ credential, scopes, tokenTest, orgLookup });
    expect(steps.map((step) => step.id)).toEqual(["request", "answer", "call", "org"]);
    expect(steps.every((step) => step.status === "done")).toBe(true);
    expect(steps[0]!.facts).toContainEqual({ term: "Scope urn:zitadel:iam:org:project:id:zitadel:aud", value: scopes[1]!.meaning });
    expect(steps[3]!.narration).toContain("ACME Corporation");
  });

  it("shows the access token only by its shape, never its masked characters", () => {
    const answer = buildFlow({ credential, scopes, tokenTest, orgLookup })[1]!;
    expect(answer.http).toContain("<access token, 812 characters>");
    expect(JSON.stringify(answer)).not.toContain(ACCESS_TOKEN_MASK);
  });

  it("lets a PAT skip the token endpoint and a key sign its assertion first", () => {
    expect(
      buildFlow({ credential: { ...credential, kind: "pat" }, scopes: [], tokenTest: null, orgLookup }).map((step) => step.id),
    ).toEqual(["pat", "call", "org"]);
    expect(buildFlow({ credential: { ...credential, kind: "jwt_profile" }, scopes, tokenTest, orgLookup })[0]!.id).toBe("sign");
  });

  it("breaks at the API with the diagnosis, after a token that worked", () => {
    const steps = buildFlow({ credential, scopes, tokenTest, orgLookup, failure: { stage: "api", diagnosis: noRole, httpStatus: 403 } });
    expect(steps.map((step) => step.status)).toEqual(["done", "done", "done", "failed"]);
    expect(steps[3]!.diagnosis?.fix).toBe("Grant Org Owner.");
  });

  it("breaks at the token endpoint: the API is never reached", () => {
    const steps = buildFlow({ credential, scopes, tokenTest, orgLookup, failure: { stage: "token", diagnosis: noRole, httpStatus: 400 } });
    expect(steps.map((step) => step.status)).toEqual(["done", "failed", "not_reached", "not_reached"]);
    expect(steps[2]!.http).toBeNull();
  });
});
