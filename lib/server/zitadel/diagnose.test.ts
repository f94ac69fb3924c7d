import { Headers } from "undici";
import { describe, expect, it } from "vitest";
import { diagnosisSchema, type DiagnosisCode } from "@/lib/schemas/diagnostics";
import { parseRetryAfter, type GuardedResponse } from "@/lib/server/http";
import { interpretTokenResponse } from "./exchange";
import { interpretOrgResponse } from "./orgs";

// Every error answer in docs/zitadel-notes.md (token endpoint and Management API), with the exact bodies.

function answer(status: number, body: string, contentType: string | null = "application/json"): GuardedResponse {
  return {
    url: "https://acme.zitadel.cloud/x",
    status,
    headers: new Headers(),
    contentType,
    bodyText: body,
    latencyMs: 12,
    remoteAddress: "203.0.113.7",
  };
}

const openidMissing =
  "The scope openid is missing in your request. Please ensure the scope openid is added to the request. If you have any questions, you may contact the administrator of the application.";
const scopeMissing =
  "The scope of your request is missing. Please ensure some scopes are requested. If you have any questions, you may contact the administrator of the application.";

const tokenRows: [string, number, string, DiagnosisCode][] = [
  ["grant_type missing", 400, '{"error":"invalid_request","error_description":"grant_type missing"}', "request_rejected"],
  ["unsupported grant", 400, '{"error":"unsupported_grant_type","error_description":"password not supported"}', "request_rejected"],
  [
    "no credentials",
    400,
    '{"error":"invalid_request","error_description":"client_id or client_assertion must be provided"}',
    "request_rejected",
  ],
  [
    "Basic + body secret",
    400,
    '{"error":"invalid_request","error_description":"client authentication must not use more than one method"}',
    "multiple_auth_methods",
  ],
  [
    "malformed %-escape in Basic",
    400,
    '{"error":"invalid_client","error_description":"invalid basic auth header"}',
    "basic_auth_malformed",
  ],
  ["unknown client / numeric user id", 400, '{"error":"invalid_client","error_description":"client not found"}', "client_not_found"],
  [
    "no secret yet / just generated",
    400,
    '{"error":"invalid_request","error_description":"Errors.User.Machine.Secret.NotExisting"}',
    "secret_not_ready",
  ],
  ["wrong secret", 400, '{"error":"invalid_request","error_description":"Errors.User.Machine.Secret.Invalid"}', "invalid_secret"],
  ["scope missing", 400, JSON.stringify({ error: "invalid_request", error_description: scopeMissing }), "scope_missing"],
  ["openid missing (oidc < v3.25)", 400, JSON.stringify({ error: "invalid_scope", error_description: openidMissing }), "openid_required"],
  ["deactivated user (session)", 400, '{"error":"invalid_request","error_description":"Errors.User.NotActive"}', "user_inactive"],
  ["deactivated user (userinfo)", 404, '{"error":"invalid_request","error_description":"Errors.User.NotFound"}', "user_inactive"],
  ["internal failure", 500, '{"error":"server_error","error_description":"Errors.Internal"}', "server_error"],
];

describe("token endpoint answers", () => {
  it.each(tokenRows)("%s → %s", (_case, status, body, code) => {
    const result = interpretTokenResponse(answer(status, `${body}\n`), {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnosis.code).toBe(code);
    expect(result.diagnosis.httpStatus).toBe(status);
    expect(diagnosisSchema.parse(result.diagnosis)).toEqual(result.diagnosis);
    expect(result.diagnosis.upstreamError?.error).toBe(JSON.parse(body).error);
    expect(result.diagnosis.upstreamError?.description?.length ?? 0).toBeLessThanOrEqual(200);
  });

  it("says the client ID looks like a numeric user ID when it does", () => {
    const result = interpretTokenResponse(answer(400, '{"error":"invalid_client","error_description":"client not found"}'), {
      clientId: "300000000000000001",
    });
    expect(!result.ok && result.diagnosis.explanation).toMatch(/"300000000000000001" looks like a numeric user ID.*username/);
    expect(!result.ok && result.diagnosis.fix).toMatch(/username@/);
  });

  it("marks only the eventual-consistency case as worth retrying among credential errors", () => {
    const notReady = interpretTokenResponse(
      answer(400, '{"error":"invalid_request","error_description":"Errors.User.Machine.Secret.NotExisting"}'),
      {},
    );
    const invalid = interpretTokenResponse(
      answer(400, '{"error":"invalid_request","error_description":"Errors.User.Machine.Secret.Invalid"}'),
      {},
    );
    expect(!notReady.ok && notReady.diagnosis.retryable).toBe(true);
    expect(!invalid.ok && invalid.diagnosis.retryable).toBe(false);
    expect(!invalid.ok && invalid.diagnosis.fix).toMatch(/Generate Client Secret.*Replace secret/);
  });

  it.each([
    ["an HTML proxy page (200)", 200, "<html><body><script>alert(1)</script>Bad gateway</body></html>", "text/html", "not_json"],
    ["an HTML 502 from a proxy", 502, "<html>502 Bad Gateway</html>", "text/html", "not_json"],
    [
      "a wrong instance domain",
      404,
      "Instance not found. Make sure you got the domain right. Check out https://zitadel.com/docs/apis/introduction#domains",
      "text/plain",
      "instance_not_found",
    ],
    ["a 429 without a body", 429, "", null, "rate_limited"],
    ["truncated JSON", 200, '{"access_token":"abc', "application/json", "bad_response"],
    ["JSON without access_token", 200, '{"token_type":"Bearer","expires_in":43199}', "application/json", "bad_response"],
    ["an absurd expires_in", 200, '{"access_token":"a","token_type":"Bearer","expires_in":1e300}', "application/json", "bad_response"],
    ["a JSON error of another shape", 400, '{"message":"nope"}', "application/json", "bad_response"],
  ] as const)("%s → %s, without echoing the body", (_case, status, body, contentType, code) => {
    const result = interpretTokenResponse(answer(status, body, contentType), {});
    expect(!result.ok && result.diagnosis.code).toBe(code);
    const shown = JSON.stringify(result);
    expect(shown).not.toContain("<script>");
    expect(shown).not.toContain("Bad gateway");
    expect(shown).not.toContain("zitadel.com/docs");
  });

  it("accepts ZITADEL's success body: no scope field, trailing newline, optional id_token", () => {
    const result = interpretTokenResponse(
      answer(200, '{"access_token":"opaque-abc","token_type":"Bearer","expires_in":43199,"id_token":"x.y.z"}\n'),
      {},
    );
    expect(result).toEqual({ ok: true, accessToken: "opaque-abc", tokenType: "Bearer", expiresIn: 43199, idToken: "x.y.z" });
  });

  it("truncates a long error_description to 200 characters and strips markup", () => {
    const long = { error: "invalid_request", error_description: `<b>${"x".repeat(500)}</b>` };
    const result = interpretTokenResponse(answer(400, JSON.stringify(long)), {});
    const description = !result.ok ? result.diagnosis.upstreamError?.description : undefined;
    expect(description?.length).toBe(200);
    expect(description).not.toMatch(/[<>]/);
  });
});

const detail = (id: string, message: string) => ({ "@type": "type.googleapis.com/zitadel.v1.ErrorDetail", id, message });

const orgRows: [string, number, unknown, DiagnosisCode][] = [
  [
    "token invalid (translated)",
    401,
    { code: 16, message: "Token is invalid (AUTH-7fs1e)", details: [detail("AUTH-7fs1e", "Token is invalid")] },
    "token_invalid",
  ],
  [
    "token invalid (i18n key)",
    401,
    { code: 16, message: "Errors.Token.Invalid (AUTH-7fs1e)", details: [detail("AUTH-7fs1e", "Errors.Token.Invalid")] },
    "token_invalid",
  ],
  [
    "no org.read",
    403,
    { code: 7, message: "No matching permissions found (AUTH-5mWD2)", details: [detail("AUTH-5mWD2", "No matching permissions found")] },
    "missing_permission",
  ],
  [
    "unknown x-zitadel-orgid",
    403,
    { code: 7, message: "Organisation doesn't exist (AUTH-Bs7Ds)", details: [detail("AUTH-Bs7Ds", "Organisation doesn't exist")] },
    "org_not_found",
  ],
  [
    "org not found in query",
    404,
    { code: 5, message: "Organisation not found (QUERY-Xk3s8)", details: [detail("QUERY-Xk3s8", "Organisation not found")] },
    "org_not_found",
  ],
  ["missing Authorization header", 401, { code: 16, message: "auth header missing" }, "token_invalid"],
  [
    "another scheme than Bearer",
    401,
    { code: 16, message: "invalid auth header (AUTH-toLo1)", details: [detail("AUTH-toLo1", "invalid auth header")] },
    "token_invalid",
  ],
  [
    "missing header on v4.11.0",
    500,
    { code: 2, message: "rpc error: code = Unauthenticated desc = auth header missing ()", details: [] },
    "server_error",
  ],
];

describe("Management API answers", () => {
  it.each(orgRows)("%s → %s", (_case, status, body, code) => {
    const result = interpretOrgResponse(answer(status, JSON.stringify(body)));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnosis.code).toBe(code);
    expect(result.diagnosis.httpStatus).toBe(status);
    expect(diagnosisSchema.parse(result.diagnosis)).toEqual(result.diagnosis);
  });

  it("matches on details[0].id, whatever language the message is in", () => {
    const german = {
      code: 7,
      message: "Keine passenden Berechtigungen gefunden (AUTH-5mWD2)",
      details: [detail("AUTH-5mWD2", "Keine passenden Berechtigungen gefunden")],
    };
    const result = interpretOrgResponse(answer(403, JSON.stringify(german)));
    expect(!result.ok && result.diagnosis.code).toBe("missing_permission");
    expect(!result.ok && result.diagnosis.fix).toMatch(/Org Owner/);
  });

  it("names a rewritten Authorization header for AUTH-toLo1, not the token", () => {
    const body = { code: 16, message: "invalid auth header (AUTH-toLo1)", details: [detail("AUTH-toLo1", "invalid auth header")] };
    const result = interpretOrgResponse(answer(401, JSON.stringify(body)), { scopes: ["openid"] });
    expect(!result.ok && result.diagnosis.explanation).toMatch(/Authorization header.*AUTH-toLo1.*proxy/);
    expect(!result.ok && result.diagnosis.explanation).not.toContain("urn:zitadel:iam:org:project:id:zitadel:aud");
  });

  it("names the missing audience scope when the credential lacks it", () => {
    const body = { code: 16, message: "Token is invalid (AUTH-7fs1e)", details: [detail("AUTH-7fs1e", "Token is invalid")] };
    const result = interpretOrgResponse(answer(401, JSON.stringify(body)), { scopes: ["openid"] });
    expect(!result.ok && result.diagnosis.explanation).toContain("urn:zitadel:iam:org:project:id:zitadel:aud");
  });

  it("names the org ID that does not exist", () => {
    const body = {
      code: 7,
      message: "Organisation doesn't exist (AUTH-Bs7Ds)",
      details: [detail("AUTH-Bs7Ds", "Organisation doesn't exist")],
    };
    const result = interpretOrgResponse(answer(403, JSON.stringify(body)), { orgId: "999" });
    expect(!result.ok && result.diagnosis.explanation).toContain('"999"');
  });

  it("reads the protojson org: string sequence, RFC 3339 dates with any precision, state names", () => {
    const body = {
      org: {
        id: "69629023906488334",
        details: {
          sequence: "42",
          creationDate: "2024-03-01T10:15:30.123456Z",
          changeDate: "2024-06-14T08:01:02.5Z",
          resourceOwner: "69629023906488334",
        },
        state: "ORG_STATE_ACTIVE",
        name: "ACME",
        primaryDomain: "acme.zitadel.cloud",
      },
    };
    expect(interpretOrgResponse(answer(200, JSON.stringify(body)))).toEqual({
      ok: true,
      org: {
        id: "69629023906488334",
        name: "ACME",
        primaryDomain: "acme.zitadel.cloud",
        state: "active",
        creationDate: "2024-03-01T10:15:30.123456Z",
        changeDate: "2024-06-14T08:01:02.5Z",
      },
    });
  });

  it("treats omitted zero values as empty, and a numeric sequence as the wrong shape", () => {
    const sparse = interpretOrgResponse(answer(200, '{"org":{"id":"1"}}'));
    expect(sparse).toEqual({
      ok: true,
      org: { id: "1", name: "", primaryDomain: "", state: "unspecified", creationDate: null, changeDate: null },
    });
    const numeric = interpretOrgResponse(answer(200, '{"org":{"id":"1","details":{"sequence":42}}}'));
    expect(!numeric.ok && numeric.diagnosis.code).toBe("bad_response");
  });
});

describe("rate limiting (429 with Retry-After)", () => {
  function limited(body: string, contentType: string | null, retryAfter?: string): GuardedResponse {
    return { ...answer(429, body, contentType), headers: new Headers(retryAfter === undefined ? {} : { "retry-after": retryAfter }) };
  }

  it.each([
    ["an OAuth error body", '{"error":"slow_down","error_description":"too many requests"}', "application/json"],
    ["an empty body from a proxy", "", null],
    ["a JSON body of another shape", '{"message":"rate limit exceeded"}', "application/json"],
  ] as const)("tells the operator when to retry the token request, from %s", (_case, body, contentType) => {
    const result = interpretTokenResponse(limited(body, contentType, "120"), {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnosis).toMatchObject({ code: "rate_limited", retryAfterSeconds: 120, retryable: true });
    expect(result.diagnosis.fix).toContain("Retry in about 2 m");
    expect(result.diagnosis.explanation).toContain("120 s");
    expect(diagnosisSchema.parse(result.diagnosis)).toEqual(result.diagnosis);
  });

  it("reads an HTTP date on the Management API's 429", () => {
    const inFiveMinutes = new Date(Date.now() + 5 * 60_000).toUTCString();
    const result = interpretOrgResponse(limited('{"code":8,"message":"quota exceeded"}', "application/json", inFiveMinutes));
    expect(!result.ok && result.diagnosis.code).toBe("rate_limited");
    expect(!result.ok && result.diagnosis.fix).toContain("Retry in about 5 m");
  });

  it("keeps the general advice when Retry-After is missing, unreadable or beyond a day", () => {
    for (const header of [undefined, "soon", "-5", "99999999", "Thu, 01 Jan 2099 00:00:00 GMT"]) {
      const result = interpretTokenResponse(limited("", null, header), {});
      expect(!result.ok && result.diagnosis.retryAfterSeconds).toBeUndefined();
      expect(!result.ok && result.diagnosis.fix).toBe("Wait a minute and test again; cached tokens are reused to avoid this.");
    }
  });

  it("parses delay-seconds and HTTP dates, and says now for a date already past", () => {
    const now = Date.parse("Wed, 21 Oct 2015 07:26:00 GMT");
    expect(parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", now)).toBe(120);
    expect(parseRetryAfter(" 45 ", now)).toBe(45);
    expect(parseRetryAfter("Wed, 21 Oct 2015 07:00:00 GMT", now)).toBe(0);
    const past = interpretTokenResponse(limited("", null, "0"), {});
    expect(!past.ok && past.diagnosis.fix).toMatch(/^Retry now;/);
    const long = interpretTokenResponse(limited("", null, "10800"), {});
    expect(!long.ok && long.diagnosis.fix).toContain("Retry in about 3 h");
  });
});
