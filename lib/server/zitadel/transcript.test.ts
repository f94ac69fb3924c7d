import { execFileSync } from "node:child_process";
import { Headers } from "undici";
import { describe, expect, it } from "vitest";
import { transcriptSchema } from "@/lib/schemas/diagnostics";
import type { CapturedExchange } from "@/lib/server/http";
import { buildTranscript, orgsMeCurl, quote, tokenCurl } from "./transcript";

// The shell must see exactly the value we meant, whatever quotes or symbols a client ID holds.
function shellEcho(word: string): string {
  return execFileSync("bash", ["-c", `printf %s ${word}`], { encoding: "utf8" });
}

describe("curl commands", () => {
  it.each(["plain-id", "billing+ops@acme", "o'brien", `it's "quoted" $(rm -rf /) \`x\``, "spaces and ; semicolons"])(
    "quotes %s safely",
    (value) => {
      expect(shellEcho(quote(value))).toBe(value);
    },
  );

  it("matches ZITADEL's guide for Basic, with the client ID form-encoded and the secret read, not typed in", () => {
    const curl = tokenCurl({
      tokenEndpoint: "https://acme.zitadel.cloud/oauth/v2/token",
      clientId: "billing+ops@acme",
      scopes: ["openid", "urn:zitadel:iam:org:project:id:zitadel:aud"],
      authMethod: "basic",
    });
    expect(curl).toContain("CLIENT_ID=billing%2Bops%40acme");
    expect(curl).toContain("read -rs CLIENT_SECRET");
    expect(curl).toContain("curl --request POST \\\n  --url https://acme.zitadel.cloud/oauth/v2/token");
    expect(curl).toContain("--header 'Content-Type: application/x-www-form-urlencoded'");
    expect(curl).toContain('--user "$CLIENT_ID:$CLIENT_SECRET"');
    expect(curl).toContain("--data grant_type=client_credentials");
    expect(curl).toContain("--data scope='openid urn:zitadel:iam:org:project:id:zitadel:aud'");
    expect(curl).toMatch(/form-url-encoded/);
  });

  it("puts client_secret_post credentials in the body, URL-encoded by curl", () => {
    const curl = tokenCurl({
      tokenEndpoint: "https://acme.zitadel.cloud/oauth/v2/token",
      clientId: "o'brien+x",
      scopes: ["openid"],
      authMethod: "post",
    });
    expect(curl).toContain(`--data-urlencode 'client_id=o'\\''brien+x'`);
    expect(curl).toContain('--data-urlencode "client_secret=$CLIENT_SECRET"');
    expect(curl).not.toContain("--user");
  });

  it("encodes scopes that a plain --data would corrupt", () => {
    const curl = tokenCurl({
      tokenEndpoint: "https://a.example/oauth/v2/token",
      clientId: "x",
      scopes: ["a&b=c", "d+e"],
      authMethod: "basic",
    });
    expect(curl).toContain("--data-urlencode 'scope=a&b=c d+e'");
  });

  it("builds the orgs/me call with $TOKEN and the org header", () => {
    const curl = orgsMeCurl("https://acme.zitadel.cloud/management/v1/orgs/me", "300000000000000002");
    expect(curl).toContain("curl --request GET \\\n  --url https://acme.zitadel.cloud/management/v1/orgs/me");
    expect(curl).toContain('--header "Authorization: Bearer $TOKEN"');
    expect(curl).toContain("--header 'x-zitadel-orgid: 300000000000000002'");
    expect(orgsMeCurl("https://a.example/management/v1/orgs/me")).not.toContain("x-zitadel-orgid");
  });
});

function answered(status: number, body: string, contentType = "application/json"): CapturedExchange {
  return {
    request: {
      method: "POST",
      url: "https://issuer.example/oauth/v2/token",
      headers: { authorization: "Basic c2E6c2VjcmV0" },
      body: "grant_type=client_credentials",
    },
    response: {
      url: "https://issuer.example/oauth/v2/token",
      status,
      headers: new Headers(),
      contentType,
      bodyText: body,
      latencyMs: 9,
      remoteAddress: "203.0.113.7",
    },
  };
}

function responseOf(exchange: CapturedExchange, shape?: "token" | "orgs_me") {
  const transcript = transcriptSchema.parse(buildTranscript(exchange, [], shape));
  const response = transcript.response;
  if (!response) throw new Error("expected a response");
  return { transcript, response, shown: response.body.startsWith("{") ? (JSON.parse(response.body) as Record<string, unknown>) : null };
}

describe("the issuer's answer in the transcript", () => {
  const hostile = {
    error: "invalid_request",
    error_description: `Errors.User.Machine.Secret.Invalid ${"A".repeat(3000)}`,
    debug: `<img src=x onerror="alert(document.cookie)">${"x".repeat(1180)}`,
    support: { html: "<script>steal()</script>", links: ["https://evil.example/phish"] },
  };

  it("shows only the fields ZITADEL defines, cuts long error text and names the rest without showing it", () => {
    const { transcript, response, shown } = responseOf(answered(400, JSON.stringify(hostile)));
    expect(Object.keys(shown ?? {})).toEqual(["error", "error_description"]);
    expect(shown?.error).toBe("invalid_request");
    expect(String(shown?.error_description)).toMatch(/^Errors\.User\.Machine\.Secret\.Invalid A+…$/);
    expect(String(shown?.error_description).length).toBeLessThanOrEqual(300);
    expect(response.otherFields).toEqual([
      { name: "debug", type: "string", size: hostile.debug.length },
      { name: "support", type: "object", size: 2 },
    ]);
    expect(response.otherFieldsTotal).toBe(2);
    const seen = JSON.stringify(transcript);
    for (const text of ["onerror", "<script>", "steal()", "evil.example"]) expect(seen).not.toContain(text);
    expect(seen.length).toBeLessThan(1500);
  });

  it("masks the tokens of a success answer and does not show a field whose type ZITADEL never sends there", () => {
    const body = {
      access_token: "opaqueAccessToken-abcdefghijklmnop",
      token_type: "Bearer",
      expires_in: "<b>soon</b>",
      id_token: "eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJlLXBhcnQtb2YtaXQ",
      scope: "openid",
    };
    const { response, shown } = responseOf(answered(200, JSON.stringify(body)));
    expect(shown).toEqual({ access_token: "opaqueAc…mnop", token_type: "Bearer", id_token: "eyJhbGci…taXQ" });
    expect(response.otherFields).toEqual([
      { name: "expires_in", type: "string", size: 11 },
      { name: "scope", type: "string", size: 6 },
    ]);
    expect(response.body).not.toContain("<b>");
  });

  it("keeps a gRPC error's code, cut message and detail ids, and lists the detail prose as other fields", () => {
    const body = {
      code: 7,
      message: `No matching permissions found (AUTH-5mWD2) ${"y".repeat(500)}`,
      details: [{ "@type": "type.googleapis.com/zitadel.v1.ErrorDetail", id: "AUTH-5mWD2", message: "No matching permissions found" }],
    };
    const { response, shown } = responseOf(answered(403, JSON.stringify(body)), "orgs_me");
    expect(shown).toMatchObject({ code: 7, details: [{ id: "AUTH-5mWD2" }] });
    expect(String(shown?.message).length).toBeLessThanOrEqual(300);
    expect(response.otherFields.map((field) => field.name)).toEqual(["details[0].@type", "details[0].message"]);
  });

  it("shows the organization's fields from orgs/me and names an extra nested field", () => {
    const body = {
      org: {
        id: "1",
        name: "ACME",
        primaryDomain: "acme.example",
        state: "ORG_STATE_ACTIVE",
        details: { sequence: "4" },
        banner: "<marquee>",
      },
    };
    const { response, shown } = responseOf(answered(200, JSON.stringify(body)), "orgs_me");
    expect(shown).toEqual({
      org: { id: "1", name: "ACME", primaryDomain: "acme.example", state: "ORG_STATE_ACTIVE", details: { sequence: "4" } },
    });
    expect(response.otherFields).toEqual([{ name: "org.banner", type: "string", size: 9 }]);
  });

  it("lists at most 20 other fields and counts the rest, and never shows JSON that is not an object", () => {
    const crowded = Object.fromEntries(Array.from({ length: 25 }, (_, index) => [`field${index}`, index]));
    const { response } = responseOf(answered(400, JSON.stringify({ error: "invalid_request", ...crowded })));
    expect(response.otherFields).toHaveLength(20);
    expect(response.otherFieldsTotal).toBe(25);
    const array = responseOf(answered(200, JSON.stringify(["<script>", "x"]))).response;
    expect(array.body).toBe("[JSON that is not an object, not shown]");
    expect(array.otherFields).toEqual([{ name: "(the whole answer)", type: "array", size: 2 }]);
  });
});
