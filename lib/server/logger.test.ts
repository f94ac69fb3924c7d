import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "@/lib/server/logger";

const SECRET = "Rep0rterDemoSecretAcme2026xxxxx1";
const JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIzMDAwIn0.c2lnbmF0dXJl";
const OPAQUE = "Fqwli5iljmheb8xXlNZt_zr3QwQshP";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger("info", stream), lines };
}

/** A distinct value per shape, so a failure names the shape that leaked. */
const canary = (shape: string) => `canary-${shape}-7f3a9c`;

describe("logger", () => {
  it("redacts secrets and tokens by field name, at the top level and one level down", () => {
    const { logger, lines } = capture();
    logger.info({ clientSecret: SECRET, credential: { client_secret: SECRET, accessToken: OPAQUE } }, "created");
    const line = lines.join("");
    expect(line).not.toContain(SECRET);
    expect(line).not.toContain(OPAQUE);
    expect(JSON.parse(line)).toMatchObject({ clientSecret: "[REDACTED]", msg: "created" });
  });

  it("redacts a key file, its PEM key, a signed assertion and a PAT by field name, and a PEM private key in any text", () => {
    const { logger, lines } = capture();
    const pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAcanaryPemBody0123456789\n-----END RSA PRIVATE KEY-----\n";
    logger.info(
      {
        keyFile: canary("keyfile"),
        input: { key: canary("key"), assertion: canary("assertion"), pat: canary("pat"), token: canary("token") },
        body: JSON.stringify({ keyId: "1", key: pem }),
      },
      `failed to read ${pem}`,
    );
    const line = lines.join("");
    for (const shape of ["keyfile", "key", "assertion", "pat", "token"]) expect(line).not.toContain(canary(shape));
    expect(line).not.toContain("canaryPemBody");
    expect(JSON.parse(line)).toMatchObject({ keyFile: "[REDACTED]", input: { key: "[REDACTED]" } });
    expect(line).toContain("[REDACTED-PRIVATE-KEY]");
  });

  it("redacts by key name at any depth and in any case or spelling, and keeps the fields that are not secret", () => {
    const { logger, lines } = capture();
    logger.info(
      {
        Client_Secret: canary("Client_Secret"),
        CLIENT_SECRET: canary("CLIENT_SECRET"),
        ACCESS_TOKEN: canary("ACCESS_TOKEN"),
        "client-secret": canary("kebab"),
        headers: { Authorization: `Token ${canary("headers.Authorization")}`, "Content-Type": "application/json" },
        items: [{ client_secret: canary("items[0].client_secret"), clientId: "billing-sa" }],
        body: { credential: { clientSecret: canary("body.credential.clientSecret"), label: "Billing sync" } },
        deep: { a: { b: { c: { d: { e: { password: canary("deep.password") } } } } } },
        hasSecret: true,
        tokenType: "Bearer",
        latencyMs: 42,
      },
      "exchange done",
    );
    const line = lines.join("");
    expect(line).not.toContain("canary-");
    const entry = JSON.parse(line);
    expect(entry).toMatchObject({
      msg: "exchange done",
      headers: { Authorization: "[REDACTED]", "Content-Type": "application/json" },
      items: [{ client_secret: "[REDACTED]", clientId: "billing-sa" }],
      body: { credential: { clientSecret: "[REDACTED]", label: "Billing sync" } },
      hasSecret: true,
      tokenType: "Bearer",
      latencyMs: 42,
    });
  });

  it("scrubs secrets that travel inside text: JSON bodies, forms, headers, JWTs and URLs", () => {
    const { logger, lines } = capture();
    const upstream = JSON.stringify({ client_secret: canary("json-secret"), ACCESS_TOKEN: canary("json-token"), error: "invalid_client" });
    logger.warn(`upstream answered ${upstream}`);
    logger.warn({ detail: `util.inspect says { client_secret: '${canary("inspect")}' }` }, "odd answer");
    logger.warn("answer %j from %s", { id_token: canary("interpolated") }, `https://sa:${canary("userinfo")}@id.example.com/`);
    logger.warn(
      { body: `grant_type=client_credentials&client_secret=${canary("form")}` },
      `sent Basic ${Buffer.from(`sa:${canary("basic")}`).toString("base64")}`,
    );
    logger.warn(`upstream said Bearer ${OPAQUE} with id_token ${JWT}`);
    logger.error(new Error(`token endpoint answered {"refresh_token":"${canary("error-message")}"}`));
    const text = lines.join("");
    expect(text).not.toContain("canary-");
    for (const value of [JWT, OPAQUE]) expect(text).not.toContain(value);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(JSON.parse(lines[0] ?? "")).toMatchObject({ msg: expect.stringContaining('"error":"invalid_client"') });
    expect(text).toContain("Bearer [REDACTED]");
    expect(text).toContain("id.example.com");
  });

  it("redacts the bindings of a child logger, survives cycles and stays bounded on deep objects", () => {
    const { logger, lines } = capture();
    const cyclic: Record<string, unknown> = { name: "loop" };
    cyclic.self = cyclic;
    let deep: Record<string, unknown> = { clientSecret: canary("deep") };
    for (let i = 0; i < 50; i += 1) deep = { next: deep };
    logger.child({ module: "test", session: { Cookie: canary("binding") } }).info({ cyclic, deep }, "shapes");
    const line = lines.join("");
    expect(line).not.toContain("canary-");
    expect(JSON.parse(line)).toMatchObject({ module: "test", cyclic: { name: "loop", self: "[Circular]" } });
  });

  it("keeps an error's type and message (minus secrets) so a 500 can be diagnosed", () => {
    const { logger, lines } = capture();
    logger.error({ err: new TypeError(`cannot read token ${JWT}`) }, "request failed");
    const entry = JSON.parse(lines.join("")) as { err: { type: string; message: string } };
    expect(entry.err.type).toBe("TypeError");
    expect(entry.err.message).toBe("cannot read token [REDACTED-JWT]");
  });
});
