import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, startTestEmulator } from "./support";
import type { RunningEmulator } from "../src/server";

// Instance by Host, discovery on ZITADEL's paths, keys (docs/zitadel-notes.md#instance-and-issuer, #endpoints).

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.close());

const INSTANCE_NOT_FOUND =
  "Instance not found. Make sure you got the domain right. Check out https://zitadel.com/docs/apis/introduction#domains\n";

function getWithHost(path: string, host: string): Promise<{ status: number; contentType?: string; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "localhost", port: emulator.port, path, headers: { host } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, contentType: res.headers["content-type"], text }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("discovery", () => {
  it("serves ZITADEL's endpoint paths with the issuer as origin", async () => {
    const answer = await call(`${emulator.url}/.well-known/openid-configuration`);
    expect(answer.status).toBe(200);
    const doc = JSON.parse(answer.text) as Record<string, unknown>;
    const issuer = emulator.issuer;
    expect(doc).toMatchObject({
      issuer,
      authorization_endpoint: `${issuer}/oauth/v2/authorize`,
      token_endpoint: `${issuer}/oauth/v2/token`,
      introspection_endpoint: `${issuer}/oauth/v2/introspect`,
      userinfo_endpoint: `${issuer}/oidc/v1/userinfo`,
      revocation_endpoint: `${issuer}/oauth/v2/revoke`,
      end_session_endpoint: `${issuer}/oidc/v1/end_session`,
      jwks_uri: `${issuer}/oauth/v2/keys`,
      scopes_supported: ["openid", "profile", "email", "phone", "address", "offline_access"],
      code_challenge_methods_supported: ["S256"],
      token_endpoint_auth_methods_supported: ["none", "client_secret_basic", "client_secret_post", "private_key_jwt"],
    });
    expect(doc.grant_types_supported).toEqual([
      "authorization_code",
      "refresh_token",
      "client_credentials",
      "urn:ietf:params:oauth:grant-type:jwt-bearer",
    ]);
    expect(Object.keys(doc).slice(0, 3)).toEqual(["issuer", "authorization_endpoint", "token_endpoint"]);
  });

  it("publishes the RS256 signing key at /oauth/v2/keys", async () => {
    const answer = await call(`${emulator.url}/oauth/v2/keys`);
    const { keys } = JSON.parse(answer.text) as { keys: Record<string, string>[] };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig", e: "AQAB" });
    expect(keys[0]).not.toHaveProperty("d");
  });

  it("answers another Host with ZITADEL's plain-text 404", async () => {
    for (const answer of [
      await getWithHost("/.well-known/openid-configuration", `evil.example:${emulator.port}`),
      await getWithHost("/management/v1/orgs/me", `127.0.0.1:${emulator.port}`),
    ]) {
      expect(answer.status).toBe(404);
      expect(answer.contentType).toBe("text/plain; charset=utf-8");
      expect(answer.text).toBe(INSTANCE_NOT_FOUND);
    }
  });

  it("picks the instance from x-zitadel-instance-host before Host", async () => {
    const answer = await call(`${emulator.url}/.well-known/openid-configuration`, {
      headers: { "x-zitadel-instance-host": "other.example" },
    });
    expect([answer.status, answer.text]).toEqual([404, INSTANCE_NOT_FOUND]);
  });

  it("answers unknown management paths with a gRPC-gateway 404", async () => {
    const answer = await call(`${emulator.url}/management/v1/projects/_search`, { method: "POST" });
    expect([answer.status, answer.text]).toEqual([404, '{"code":5,"message":"Not Found"}']);
  });
});
