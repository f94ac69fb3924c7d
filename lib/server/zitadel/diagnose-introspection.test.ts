import { describe, expect, it } from "vitest";
import { diagnoseInactive, diagnoseIntrospectionError } from "./diagnose-introspection";

// What an operator reads when ZITADEL says a token is not active, or refuses the introspecting application.

const NOW = Date.parse("2026-03-03T10:00:00Z");
const AUD_SCOPE = "urn:zitadel:iam:org:project:id:500000000000000002:aud";
const causes = (explanation: string) => explanation.split(/ ?\(\d\) /).slice(1);

describe("diagnoseInactive", () => {
  it("puts the audience first and says the scopes ask for no API project when they do not", () => {
    const diagnosis = diagnoseInactive({
      introspectionClientId: "demo-api",
      credentialScopes: ["openid", "urn:zitadel:iam:org:project:id:zitadel:aud"],
      expiresAt: "2026-03-03T22:00:00Z",
      now: NOW,
    });
    expect(diagnosis.code).toBe("token_inactive");
    const [first, second, third] = causes(diagnosis.explanation);
    expect(first).toMatch(/audience does not include the introspecting application's project/);
    expect(first).toMatch(/ask for no API project's audience/);
    expect(second).toMatch(/Expiry is ruled out: the token is valid until 2026-03-03T22:00:00.000Z \(checked\)/);
    expect(third).toMatch(/deactivated/);
    expect(diagnosis.fix).toContain("urn:zitadel:iam:org:project:id:{your API project id}:aud");
  });

  it("names the projects the credential does ask for, and whether a JWT's aud holds the app's client ID", () => {
    const without = diagnoseInactive({
      introspectionClientId: "demo-api",
      credentialScopes: ["openid", AUD_SCOPE],
      jwtAudience: ["500000000000000001", "acme-reporter"],
      now: NOW,
    });
    expect(causes(without.explanation)[0]).toMatch(/audience of project 500000000000000002/);
    expect(without.explanation).toContain(
      "its aud is [500000000000000001, acme-reporter], which does not contain the application's client ID demo-api",
    );
    const withIt = diagnoseInactive({ introspectionClientId: "demo-api", credentialScopes: [], jwtAudience: ["demo-api"], now: NOW });
    expect(withIt.explanation).toContain("which does contain the application's client ID demo-api");
  });

  it("puts expiry first when the console can see the token has expired", () => {
    const diagnosis = diagnoseInactive({
      introspectionClientId: "demo-api",
      credentialScopes: [],
      expiresAt: "2025-01-01T00:00:00Z",
      isPat: true,
      now: NOW,
    });
    expect(causes(diagnosis.explanation)[0]).toMatch(/expired at 2025-01-01T00:00:00.000Z \(checked/);
    expect(diagnosis.fix).toMatch(/new personal access token/);
  });

  it("explains an inactive PAT by expiry, deletion or its user, never by the audience ZITADEL extends for the caller", () => {
    const diagnosis = diagnoseInactive({
      introspectionClientId: "demo-api",
      credentialScopes: [],
      expiresAt: "2099-01-01T00:00:00Z",
      isPat: true,
      now: NOW,
    });
    const [first, second, third] = causes(diagnosis.explanation);
    expect(first).toMatch(/Expiry is ruled out/);
    expect(second).toMatch(/PAT was deleted/);
    expect(third).toMatch(/PAT's user was deactivated, locked or deleted/);
    expect(diagnosis.explanation).not.toMatch(/audience/);
    expect(diagnosis.fix).toMatch(/new personal access token/);
  });

  it("says when the expiry is unknown rather than guessing", () => {
    const diagnosis = diagnoseInactive({ introspectionClientId: "demo-api", credentialScopes: [], expiresAt: null, now: NOW });
    expect(causes(diagnosis.explanation)[1]).toMatch(/not known to the console/);
  });
});

describe("diagnoseIntrospectionError", () => {
  it("blames the introspection client for unauthorized_client, in the terms of its method", () => {
    const secret = diagnoseIntrospectionError(400, { error: "unauthorized_client" }, "client_secret");
    expect(secret).toMatchObject({
      code: "introspection_client_rejected",
      httpStatus: 400,
      upstreamError: { error: "unauthorized_client" },
    });
    expect(secret.explanation).toMatch(/secret is wrong.*application was deleted.*service user/);
    const key = diagnoseIntrospectionError(400, { error: "unauthorized_client" }, "private_key_jwt");
    expect(key.explanation).toMatch(/key file belongs to another application.*deleted or has expired/);
  });

  it("reads 'client must be authenticated' as credentials lost on the way, and 'token missing' as a lost body", () => {
    const lost = diagnoseIntrospectionError(
      400,
      { error: "invalid_client", error_description: "client must be authenticated" },
      "client_secret",
    );
    expect(lost.explanation).toMatch(/proxy/);
    expect(diagnoseIntrospectionError(400, { error: "invalid_request", error_description: "token missing" }, "client_secret").code).toBe(
      "introspection_token_missing",
    );
  });

  it("says the introspection client sent no credentials when ZITADEL saw neither a client id nor an assertion", () => {
    const none = diagnoseIntrospectionError(
      400,
      { error: "invalid_request", error_description: "client_id or client_assertion must be provided" },
      "client_secret",
    );
    expect(none).toMatchObject({ code: "introspection_client_rejected", httpStatus: 400 });
    expect(none.explanation).toMatch(/^The introspection client sent no credentials/);
  });

  it("keeps overload and outages apart from a refused client", () => {
    expect(diagnoseIntrospectionError(429, undefined, "client_secret").code).toBe("rate_limited");
    expect(diagnoseIntrospectionError(500, { error: "server_error" }, "client_secret").code).toBe("server_error");
    expect(diagnoseIntrospectionError(400, { error: "invalid_scope" }, "client_secret").code).toBe("request_rejected");
  });
});
