import { describe, expect, it } from "vitest";
import type { Diagnosis } from "@/lib/schemas/diagnostics";
import { healthInputOf } from "./record";

// What a token test or an org lookup says about a credential's health: a lookup that failed before orgs/me is a
// token failure, not an org one.

const refused = { code: "missing_permission" } as Diagnosis;
const badSecret = { code: "invalid_secret" } as Diagnosis;

describe("healthInputOf", () => {
  it("takes a token test as the token part only", () => {
    expect(healthInputOf({ kind: "token" })).toEqual({ token: "ok" });
    expect(healthInputOf({ kind: "token", diagnosis: badSecret })).toEqual({ token: "invalid_secret" });
  });

  it("takes an org lookup that failed getting its token as a token failure", () => {
    expect(healthInputOf({ kind: "org", diagnosis: badSecret, detail: { stage: "token" } })).toEqual({ token: "invalid_secret" });
  });

  it("takes an org lookup that reached orgs/me as a working token and the org's answer", () => {
    expect(healthInputOf({ kind: "org", diagnosis: refused, detail: { attempts: 1 } })).toEqual({
      token: "ok",
      org: { ok: false, code: "missing_permission" },
    });
    expect(healthInputOf({ kind: "org", orgId: "200000000000000001", orgName: "ACME Corporation" })).toEqual({
      token: "ok",
      org: { ok: true, id: "200000000000000001", name: "ACME Corporation" },
    });
  });

  it("takes an issuer in trouble as saying nothing about the credential, at either stage", () => {
    const unavailable = { code: "server_error", httpStatus: 503 } as Diagnosis;
    const proxyPage = { code: "not_json", httpStatus: 502 } as Diagnosis;
    const stalled = { code: "answer_interrupted" } as Diagnosis;
    expect(healthInputOf({ kind: "token", diagnosis: unavailable })).toEqual({ issuerUnavailable: "server_error" });
    expect(healthInputOf({ kind: "org", diagnosis: proxyPage, detail: { stage: "token" } })).toEqual({ issuerUnavailable: "not_json" });
    expect(healthInputOf({ kind: "org", diagnosis: stalled })).toEqual({ issuerUnavailable: "answer_interrupted" });
    expect(healthInputOf({ kind: "token", diagnosis: { code: "timeout" } as Diagnosis })).toEqual({ issuerUnavailable: "timeout" });
    expect(healthInputOf({ kind: "token", diagnosis: { code: "refused" } as Diagnosis })).toEqual({ issuerUnavailable: "refused" });
  });

  it("keeps a wrong host's error page and a refused request on the credential", () => {
    const wrongHost = { code: "not_json", httpStatus: 404 } as Diagnosis;
    expect(healthInputOf({ kind: "token", diagnosis: wrongHost })).toEqual({ token: "not_json" });
    expect(healthInputOf({ kind: "token", diagnosis: { code: "dns" } as Diagnosis })).toEqual({ token: "dns" });
  });
});
