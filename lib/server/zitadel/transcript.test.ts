import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { orgsMeCurl, quote, tokenCurl } from "./transcript";

// The shell must see exactly the value we meant, whatever quotes or symbols a client ID holds.
function shellEcho(word: string): string {
  return execFileSync("bash", ["-c", `printf %s ${word}`], { encoding: "utf8" });
}

describe("curl commands", () => {
  it.each(["plain-id", "billing+ops@acme", "o'brien", `it's "quoted" $(rm -rf /) \`x\``, "spaces and ; semicolons"])("quotes %s safely", (value) => {
    expect(shellEcho(quote(value))).toBe(value);
  });

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
    const curl = tokenCurl({ tokenEndpoint: "https://acme.zitadel.cloud/oauth/v2/token", clientId: "o'brien+x", scopes: ["openid"], authMethod: "post" });
    expect(curl).toContain(`--data-urlencode 'client_id=o'\\''brien+x'`);
    expect(curl).toContain('--data-urlencode "client_secret=$CLIENT_SECRET"');
    expect(curl).not.toContain("--user");
  });

  it("encodes scopes that a plain --data would corrupt", () => {
    const curl = tokenCurl({ tokenEndpoint: "https://a.example/oauth/v2/token", clientId: "x", scopes: ["a&b=c", "d+e"], authMethod: "basic" });
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
