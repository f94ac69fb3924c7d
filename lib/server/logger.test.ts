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

describe("logger", () => {
  it("redacts secrets and tokens by field name, at the top level and one level down", () => {
    const { logger, lines } = capture();
    logger.info({ clientSecret: SECRET, credential: { client_secret: SECRET, accessToken: OPAQUE } }, "created");
    const line = lines.join("");
    expect(line).not.toContain(SECRET);
    expect(line).not.toContain(OPAQUE);
    expect(JSON.parse(line)).toMatchObject({ clientSecret: "[REDACTED]", msg: "created" });
  });

  it("scrubs bearer tokens, JWTs, form secrets and URL passwords from free text, and keeps each line valid JSON", () => {
    const { logger, lines } = capture();
    logger.warn(`upstream said Bearer ${OPAQUE} with id_token ${JWT}`);
    logger.warn({ body: `grant_type=client_credentials&client_secret=${SECRET}`, url: `https://sa:${SECRET}@id.example.com/` }, "sent");
    const text = lines.join("");
    for (const value of [SECRET, JWT, OPAQUE]) expect(text).not.toContain(value);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(text).toContain("Bearer [REDACTED]");
  });

  it("keeps an error's type and message (minus secrets) so a 500 can be diagnosed", () => {
    const { logger, lines } = capture();
    logger.error({ err: new TypeError(`cannot read token ${JWT}`) }, "request failed");
    const entry = JSON.parse(lines.join("")) as { err: { type: string; message: string } };
    expect(entry.err.type).toBe("TypeError");
    expect(entry.err.message).toBe("cannot read token [REDACTED-JWT]");
  });
});
