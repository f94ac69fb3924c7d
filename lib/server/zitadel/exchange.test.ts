import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { closeAgents } from "@/lib/server/http";
import { setTestEnv, startTestServer, type TestServer } from "@/lib/server/http/testing";
import { clearIssuerCaches } from "./discovery";
import { exchangeToken, type ExchangeInput } from "./exchange";
import { json, startFakeIssuer, type FakeIssuer } from "./testing";

const CLIENT_ID = "billing+ops@acme";
const SECRET = "Sup3r+Secret/Value%with spaces&more";
const ACCESS_TOKEN = "opaqueAccessTokenValue_0123456789abcdefghijklmnop";
const ID_TOKEN_SECRET_PART = "idTokenSignaturePart_zyxwvutsrq";

let zitadel: FakeIssuer;
let elsewhere: TestServer; // a second origin a hostile discovery document might point at

beforeAll(async () => {
  zitadel = await startFakeIssuer();
  elsewhere = await startTestServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end("{}"));
  setTestEnv({ ALLOWED_ISSUERS: [zitadel.issuer, elsewhere.origin].join(",") });
});

beforeEach(() => {
  clearIssuerCaches();
  zitadel.discovery = {};
  zitadel.discoveryReply = undefined;
  zitadel.server.requests.length = 0;
  elsewhere.requests.length = 0;
  zitadel.token = () => json(200, { access_token: ACCESS_TOKEN, token_type: "Bearer", expires_in: 43199 });
});

afterAll(async () => {
  await closeAgents();
  await Promise.all([zitadel.server.close(), elsewhere.close()]);
});

function input(overrides: Partial<ExchangeInput> = {}): ExchangeInput {
  return {
    issuer: zitadel.issuer,
    clientId: CLIENT_ID,
    clientSecret: SECRET,
    scopes: ["openid", "urn:zitadel:iam:org:project:id:zitadel:aud"],
    authMethod: "basic",
    ...overrides,
  };
}

// What Go's url.QueryUnescape (ZITADEL's Basic-auth decoding) makes of a value.
const queryUnescape = (value: string) => decodeURIComponent(value.replace(/\+/g, " "));

describe("exchangeToken: what reaches ZITADEL", () => {
  it("form-url-encodes Basic credentials before base64, so ZITADEL's unescaping gives back the originals", async () => {
    const result = await exchangeToken(input());
    expect(result.ok).toBe(true);
    const sent = zitadel.server.requests.find((request) => request.url === "/oauth/v2/token");
    const basic = Buffer.from(String(sent?.headers.authorization).replace(/^Basic /, ""), "base64").toString("utf8");
    const [user, pass] = basic.split(":");
    expect(user).toBe("billing%2Bops%40acme");
    expect(queryUnescape(user ?? "")).toBe(CLIENT_ID);
    expect(queryUnescape(pass ?? "")).toBe(SECRET);
    const form = new URLSearchParams(sent?.body);
    expect(form.get("grant_type")).toBe("client_credentials");
    expect(form.get("scope")).toBe("openid urn:zitadel:iam:org:project:id:zitadel:aud");
    expect(form.has("client_secret")).toBe(false);
    expect(sent?.headers["content-type"]).toMatch(/^application\/x-www-form-urlencoded/);
  });

  it("puts the credentials in the form body for client_secret_post, and sends no Authorization header", async () => {
    await exchangeToken(input({ authMethod: "post" }));
    const sent = zitadel.server.requests.find((request) => request.url === "/oauth/v2/token");
    expect(sent?.headers.authorization).toBeUndefined();
    const form = new URLSearchParams(sent?.body);
    expect(form.get("client_id")).toBe(CLIENT_ID);
    expect(form.get("client_secret")).toBe(SECRET);
  });

  it("discovers once per issuer and reuses the document", async () => {
    await exchangeToken(input());
    await exchangeToken(input());
    expect(zitadel.count("/.well-known/openid-configuration")).toBe(1);
    expect(zitadel.count("/oauth/v2/token")).toBe(2);
  });

  it("never retries the token POST, even on a 503", async () => {
    zitadel.token = () => json(503, { error: "server_error", error_description: "Errors.Internal" });
    const result = await exchangeToken(input());
    expect(!result.ok && result.diagnosis.code).toBe("server_error");
    expect(zitadel.count("/oauth/v2/token")).toBe(1);
  });
});

describe("exchangeToken: what the operator sees", () => {
  it("returns the token and a transcript and curl that hold neither the secret nor the token", async () => {
    zitadel.token = () =>
      json(200, {
        access_token: ACCESS_TOKEN,
        token_type: "Bearer",
        expires_in: 43199,
        id_token: `eyJhbGciOiJSUzI1NiJ9.e30.${ID_TOKEN_SECRET_PART}`,
      });
    for (const authMethod of ["basic", "post"] as const) {
      const result = await exchangeToken(input({ authMethod }));
      expect(result.ok && result.accessToken).toBe(ACCESS_TOKEN);
      expect(result.httpStatus).toBe(200);
      const shown = JSON.stringify({ transcript: result.transcript, curl: result.curl });
      for (const secretForm of [SECRET, encodeURIComponent(SECRET), Buffer.from(`x:${SECRET}`).toString("base64").slice(4)]) {
        expect(shown).not.toContain(secretForm);
      }
      expect(shown).not.toContain(ACCESS_TOKEN);
      expect(shown).not.toContain(ID_TOKEN_SECRET_PART);
      expect(result.transcript?.response?.body).toContain("opaqueAc…mnop");
      expect(result.curl).toContain("$CLIENT_SECRET");
    }
    const basic = await exchangeToken(input());
    expect(basic.transcript?.request.headers).toContainEqual(["Authorization", "Basic [REDACTED]"]);
    const post = await exchangeToken(input({ authMethod: "post" }));
    expect(post.transcript?.request.body).toContain("client_secret=[REDACTED]");
    expect(post.transcript?.request.body).toContain("client_id=billing%2Bops%40acme");
  });

  it("shows the issuer's error_description as one short line of plain text: no markup, no control or bidi characters", async () => {
    const description = `Errors.User.Machine.Secret.Invalid <script>alert(1)</script>\r\n\u001b[31m\u202etxt.exe\u0000 ${"A".repeat(400)}`;
    zitadel.token = () => json(400, { error: "invalid_client<b>", error_description: description });
    const result = await exchangeToken(input());
    expect(result.ok).toBe(false);
    const shown = JSON.parse(result.transcript?.response?.body ?? "{}") as { error: string; error_description: string };
    expect(shown.error_description).toMatch(/^Errors\.User\.Machine\.Secret\.Invalid script alert\(1\) \/script \[31m txt\.exe A+…$/);
    expect(shown.error_description.length).toBeLessThanOrEqual(200);
    expect(shown.error).toBe("invalid_client b");
    const everything = JSON.stringify({ transcript: result.transcript, diagnosis: result.ok ? null : result.diagnosis });
    for (const text of ["<script>", "<b>", "\\u001b", "\\u202e", "\\u0000", "\\r"]) expect(everything).not.toContain(text);
  });

  it("diagnoses a token request closed before any answer apart from an answer cut off mid-body", async () => {
    zitadel.token = (_body, req) => {
      req.socket.destroy();
      return json(200, {});
    };
    const closed = await exchangeToken(input());
    expect(closed.ok ? null : closed.diagnosis.code).toBe("closed_before_answer");
    zitadel.token = (_body, req) => {
      req.socket.end('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 900\r\n\r\n{"access_token":"abc');
      return json(200, {});
    };
    const cut = await exchangeToken(input());
    expect(cut.ok ? null : cut.diagnosis.code).toBe("answer_interrupted");
    expect(cut.ok ? null : cut.diagnosis.title).not.toBe(closed.ok ? null : closed.diagnosis.title);
  });

  it("diagnoses a wrong secret from ZITADEL's 400 invalid_request", async () => {
    zitadel.token = () => json(400, { error: "invalid_request", error_description: "Errors.User.Machine.Secret.Invalid" });
    const result = await exchangeToken(input());
    expect(result.ok).toBe(false);
    expect(!result.ok && result.diagnosis).toMatchObject({
      code: "invalid_secret",
      httpStatus: 400,
      upstreamError: { error: "invalid_request" },
    });
    expect(result.transcript?.response?.status).toBe(400);
  });

  it("diagnoses an HTML answer as not_json and does not show it", async () => {
    zitadel.token = () => ({ status: 200, contentType: "text/html; charset=utf-8", body: "<html><h1>Proxy login</h1></html>" });
    const result = await exchangeToken(input());
    expect(!result.ok && result.diagnosis.code).toBe("not_json");
    expect(JSON.stringify(result)).not.toContain("Proxy login");
    expect(result.transcript?.response?.body).toMatch(/bytes of text\/html, not shown/);
  });

  it("refuses a discovery document that names another issuer, before sending the secret", async () => {
    zitadel.discovery = { issuer: elsewhere.origin };
    const result = await exchangeToken(input());
    expect(!result.ok && result.diagnosis.code).toBe("issuer_mismatch");
    expect(zitadel.count("/oauth/v2/token")).toBe(0);
  });

  it("refuses a token endpoint on another origin; the secret never leaves for it", async () => {
    zitadel.discovery = { token_endpoint: `${elsewhere.origin}/oauth/v2/token` };
    const result = await exchangeToken(input());
    expect(!result.ok && result.diagnosis.code).toBe("issuer_mismatch");
    expect(elsewhere.requests).toHaveLength(0);
  });

  it("diagnoses a wrong instance domain from discovery's 'Instance not found'", async () => {
    zitadel.discoveryReply = { status: 404, contentType: "text/plain", body: "Instance not found. Make sure you got the domain right." };
    const result = await exchangeToken(input());
    expect(!result.ok && result.diagnosis.code).toBe("instance_not_found");
    expect(result.transcript).toBeNull();
    expect(result.curl).toContain(`${zitadel.issuer}/oauth/v2/token`);
  });

  it("does not follow a redirect from the token endpoint", async () => {
    zitadel.token = () => ({ status: 307, body: "", headers: { location: `${elsewhere.origin}/steal` } });
    const result = await exchangeToken(input());
    expect(!result.ok && result.diagnosis.code).toBe("redirect");
    expect(elsewhere.requests).toHaveLength(0);
  });

  it("blocks an issuer on a private address that is not allow-listed, without a request", async () => {
    for (const issuer of ["https://127.0.0.1", "http://localhost:9", "https://169.254.169.254"]) {
      const result = await exchangeToken(input({ issuer }));
      expect(!result.ok && result.diagnosis.code).toBe("blocked_address");
    }
  });
});
