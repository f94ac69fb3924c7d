import { generateKeyPairSync } from "node:crypto";
import { decodeProtectedHeader, jwtVerify } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { transcriptSchema } from "@/lib/schemas/diagnostics";
import { introspectionResultSchema } from "@/lib/schemas/introspection";
import { closeAgents } from "@/lib/server/http";
import { setTestEnv, startTestServer, type TestServer } from "@/lib/server/http/testing";
import { introspectToken, type IntrospectInput } from "./introspect";
import { json, type Reply } from "./testing";

// The introspection call against a local stand-in for ZITADEL: what reaches it, how its answers are read, and that
// neither the token, nor the client's secret or key, nor the signed assertion comes back in a result.

const TOKEN = "opaqueTokenToIntrospect_0123456789abcdefghijklmnop";
const SECRET = "Api+Secret/With%odd chars&more";
const CLIENT_ID = "demo-api@acme";
const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const PEM = privateKey.export({ type: "pkcs1", format: "pem" }).toString();

let zitadel: TestServer;
let reply: (form: URLSearchParams) => Reply;

beforeAll(async () => {
  zitadel = await startTestServer((req, res, body) => {
    const answer = req.url === "/oauth/v2/introspect" ? reply(new URLSearchParams(body)) : json(404, {});
    res
      .writeHead(answer.status, { ...(answer.contentType ? { "content-type": answer.contentType } : {}), ...answer.headers })
      .end(answer.body);
  });
  setTestEnv({ ALLOWED_ISSUERS: zitadel.origin });
});

beforeEach(() => {
  zitadel.requests.length = 0;
  reply = () => json(200, { active: false });
});

afterAll(async () => {
  await closeAgents();
  await zitadel.close();
});

const basic = (overrides: Partial<IntrospectInput> = {}): IntrospectInput => ({
  issuer: zitadel.origin,
  token: TOKEN,
  auth: { method: "client_secret", clientId: CLIENT_ID, clientSecret: SECRET },
  ...overrides,
});
const keyed = (): IntrospectInput => ({
  issuer: zitadel.origin,
  token: TOKEN,
  auth: { method: "private_key_jwt", clientId: "312@demo", keyId: "key-77", privateKeyPem: PEM },
});
const sent = () => zitadel.requests.find((request) => request.url === "/oauth/v2/introspect");
const queryUnescape = (value: string) => decodeURIComponent(value.replace(/\+/g, " "));

function expectNoLeak(value: unknown, assertion?: string): void {
  const text = JSON.stringify(value);
  for (const needle of [TOKEN, SECRET, encodeURIComponent(SECRET), "BEGIN RSA PRIVATE KEY", PEM.split("\n")[1] ?? "", assertion ?? TOKEN]) {
    expect(text).not.toContain(needle);
  }
}

describe("introspectToken: what reaches ZITADEL", () => {
  it("sends the token in a form with Basic credentials form-url-encoded before base64", async () => {
    await introspectToken(basic());
    const request = sent();
    expect(request?.method).toBe("POST");
    expect(request?.headers["content-type"]).toMatch(/^application\/x-www-form-urlencoded/);
    const [user, pass] = Buffer.from(String(request?.headers.authorization).replace(/^Basic /, ""), "base64")
      .toString("utf8")
      .split(":");
    expect(user).toBe("demo-api%40acme");
    expect(queryUnescape(user ?? "")).toBe(CLIENT_ID);
    expect(queryUnescape(pass ?? "")).toBe(SECRET);
    const form = new URLSearchParams(request?.body);
    expect(form.get("token")).toBe(TOKEN);
    expect(form.has("client_secret")).toBe(false);
  });

  it("signs a one-minute RS256 client assertion for private_key_jwt: kid, iss = sub = client ID, aud = the issuer, jti", async () => {
    await introspectToken(keyed());
    const request = sent();
    expect(request?.headers.authorization).toBeUndefined();
    const form = new URLSearchParams(request?.body);
    expect(form.get("token")).toBe(TOKEN);
    expect(form.get("client_assertion_type")).toBe("urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
    const assertion = form.get("client_assertion") ?? "";
    expect(decodeProtectedHeader(assertion)).toMatchObject({ alg: "RS256", kid: "key-77" });
    const { payload } = await jwtVerify(assertion, publicKey, { issuer: "312@demo", subject: "312@demo", audience: zitadel.origin });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(60);
    expect(payload.jti).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("introspectToken: reading the answer", () => {
  it("maps an active answer's claims, ZITADEL's resource owner included", async () => {
    reply = () =>
      json(200, {
        active: true,
        scope: "openid urn:zitadel:iam:org:project:id:500000000000000002:aud",
        client_id: "acme-reporter",
        token_type: "Bearer",
        exp: 1733206543,
        iat: 1733163343,
        sub: "286399320075272196",
        aud: ["500000000000000002"],
        iss: zitadel.origin,
        jti: "V2_secret-ish-token-id",
        username: "acme-reporter",
        "urn:zitadel:iam:user:resourceowner:id": "2863",
      });
    const result = await introspectToken(basic());
    expect(result).toMatchObject({
      ok: true,
      httpStatus: 200,
      claims: {
        active: true,
        clientId: "acme-reporter",
        tokenType: "Bearer",
        exp: 1733206543,
        aud: ["500000000000000002"],
        username: "acme-reporter",
        resourceOwnerId: "2863",
        iss: zitadel.origin,
      },
    });
    expect(transcriptSchema.parse(result.transcript)).toEqual(result.transcript);
    expect(result.transcript?.request.body).toBe("token=[REDACTED]");
    expect(result.transcript?.response?.body).toContain('"active": true');
    expect(result.transcript?.response?.body).not.toContain("V2_secret-ish-token-id");
    expectNoLeak(result);
  });

  it("reads {active:false} as an answer, not a failure; a single aud string becomes a list", async () => {
    const inactive = await introspectToken(basic());
    expect(inactive).toMatchObject({ ok: true, claims: { active: false } });
    reply = () => json(200, { active: true, aud: "demo-api" });
    expect(await introspectToken(basic())).toMatchObject({ ok: true, claims: { active: true, aud: ["demo-api"] } });
  });

  it.each([
    ["unauthorized_client (ZITADEL)", json(400, { error: "unauthorized_client" })],
    ["invalid_client (the documented 401)", json(401, { error: "invalid_client" })],
  ])("explains a refused introspection client: %s", async (_name, answer) => {
    reply = () => answer;
    const result = await introspectToken(basic());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnosis.code).toBe("introspection_client_rejected");
    expect(result.diagnosis.explanation).toMatch(/secret is wrong or was regenerated/);
    expectNoLeak(result);
  });

  it("names the key file as the likely culprit when an assertion is refused", async () => {
    reply = () => json(400, { error: "unauthorized_client" });
    const result = await introspectToken(keyed());
    expect(result).toMatchObject({ ok: false, diagnosis: { code: "introspection_client_rejected" } });
    if (result.ok) return;
    expect(result.diagnosis.explanation).toMatch(/key file belongs to another application/);
    const assertion = new URLSearchParams(sent()?.body).get("client_assertion") ?? "";
    expect(result.transcript?.request.body).toContain("client_assertion=[REDACTED]");
    expectNoLeak(result, assertion);
  });

  it("tells a missing token from a refused client", async () => {
    reply = () => json(400, { error: "invalid_request", error_description: "token missing" });
    expect(await introspectToken(basic())).toMatchObject({
      ok: false,
      diagnosis: { code: "introspection_token_missing", httpStatus: 400 },
    });
  });

  it("never shows a body that is not JSON, and echoes of the secret or token are scrubbed", async () => {
    reply = () => ({ status: 502, contentType: "text/html", body: `<html>${TOKEN}</html>` });
    const html = await introspectToken(basic());
    expect(html).toMatchObject({ ok: false, diagnosis: { code: "not_json" } });
    expectNoLeak(html);
    reply = () => json(400, { error: "invalid_request", error_description: `bad ${SECRET} ${TOKEN}` });
    const echoed = await introspectToken(basic());
    expectNoLeak(echoed);
  });

  it("fits the answer schema the browser parses", async () => {
    const result = await introspectToken(basic());
    const answer = {
      configured: true,
      outcome: "inactive",
      at: new Date().toISOString(),
      latencyMs: result.latencyMs,
      httpStatus: result.httpStatus,
      claims: result.ok ? result.claims : null,
      diagnosis: null,
      transcript: result.transcript,
    };
    expect(introspectionResultSchema.parse(answer)).toEqual(answer);
  });
});
