import { randomBytes } from "node:crypto";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { secretContext, tokenContext } from "./contexts";
import { DecryptError } from "./envelope";
import { Keyring } from "./keyring";

// What the server operator sees in the logs when a stored secret does not open.

const lines: Record<string, unknown>[] = [];
vi.mock("@/lib/server/logger", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/server/logger")>();
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const logger = original.createLogger("info", sink);
  return { ...original, getLogger: () => logger };
});

const appKey = randomBytes(32);
const otherKey = new Keyring(randomBytes(32));

beforeAll(() => {
  vi.stubEnv("NEXTAUTH_SECRET", randomBytes(32).toString("base64"));
  vi.stubEnv("SECRETS_KEY", appKey.toString("base64"));
  vi.stubEnv("SECRETS_PREVIOUS_KEYS", "");
});
afterAll(() => vi.unstubAllEnvs());

describe("a stored secret that does not open", () => {
  it("is logged at error level with the credential id and key id, never the envelope or ciphertext", async () => {
    const { open } = await import("./index");
    const context = secretContext("cred-42", "https://acme.zitadel.cloud", "client-42");
    const envelope = otherKey.seal("canary-secret-value", context);
    lines.length = 0;
    expect(() => open(envelope, context)).toThrow(DecryptError);

    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 50, credentialId: "cred-42", kid: otherKey.encryptKid, purpose: "client-secret" });
    expect(String(lines[0]?.msg)).toMatch(/client secret cannot be decrypted/);
    const text = JSON.stringify(lines);
    for (const part of envelope.split(".").slice(2)) expect(text).not.toContain(part);
    expect(text).not.toContain("canary-secret-value");
  });

  it("logs a cached token that does not open as a warning, and a good secret not at all", async () => {
    const { open, seal } = await import("./index");
    lines.length = 0;
    expect(() => open(otherKey.seal("token", tokenContext("cred-7", "openid")), tokenContext("cred-7", "openid"))).toThrow(DecryptError);
    const context = secretContext("cred-8", "https://acme.zitadel.cloud", "client-8");
    expect(open(seal("fine", context), context)).toBe("fine");
    expect(lines).toEqual([expect.objectContaining({ level: 40, credentialId: "cred-7", purpose: "access-token" })]);
  });
});
