import { encode } from "next-auth/jwt";
import { afterEach, describe, expect, it, vi } from "vitest";
import { decodeSessionCookie } from "./session-cookie";

// The console opens next-auth's session cookie itself: it must read exactly what next-auth writes, and nothing sealed
// under another secret, altered on the way, past its expiry or sealed some other way.

const SECRET = "unit-test-auth-secret-0123456789abcdef";
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("decodeSessionCookie", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("reads a cookie next-auth wrote with the same secret, every time", async () => {
    const token = await encode({ token: { sid: "session-1" }, secret: SECRET });
    expect(await decodeSessionCookie({ token, secret: SECRET })).toMatchObject({ sid: "session-1" });
    expect(await decodeSessionCookie({ token, secret: SECRET })).toMatchObject({ sid: "session-1" });
  });

  it("refuses a cookie sealed under another secret, even after reading one under its own", async () => {
    const ours = await encode({ token: { sid: "ours" }, secret: SECRET });
    const theirs = await encode({ token: { sid: "forged" }, secret: "another-secret-0123456789abcdefghij" });
    await decodeSessionCookie({ token: ours, secret: SECRET });
    await expect(decodeSessionCookie({ token: theirs, secret: SECRET })).rejects.toThrow();
  });

  it("refuses a cookie whose ciphertext, tag or header was altered", async () => {
    const token = await encode({ token: { sid: "session-1" }, secret: SECRET });
    const [header, key, iv, ciphertext, tag] = token.split(".") as [string, string, string, string, string];
    const flip = (part: string) => {
      const bytes = Buffer.from(part, "base64url");
      bytes[0] = bytes[0]! ^ 1;
      return bytes.toString("base64url");
    };
    for (const altered of [
      [header, key, iv, flip(ciphertext), tag],
      [header, key, iv, ciphertext, flip(tag)],
      [header, key, flip(iv), ciphertext, tag],
      [b64({ alg: "dir", enc: "A256GCM", kid: "x" }), key, iv, ciphertext, tag],
      [header, key, iv, ciphertext, tag.slice(0, 10)],
    ]) {
      await expect(decodeSessionCookie({ token: altered.join("."), secret: SECRET })).rejects.toThrow();
    }
  });

  it("refuses anything but dir with A256GCM", async () => {
    const token = await encode({ token: { sid: "session-1" }, secret: SECRET });
    const [, ...rest] = token.split(".");
    for (const header of [
      { alg: "A256KW", enc: "A256GCM" },
      { alg: "dir", enc: "A128CBC-HS256" },
      { alg: "dir", enc: "A256GCM", zip: "DEF" },
    ]) {
      await expect(decodeSessionCookie({ token: [b64(header), ...rest].join("."), secret: SECRET })).rejects.toThrow();
    }
  });

  it("refuses an expired cookie and reads one within the clock tolerance", async () => {
    const expired = await encode({ token: { sid: "old" }, secret: SECRET, maxAge: -60 });
    await expect(decodeSessionCookie({ token: expired, secret: SECRET })).rejects.toThrow();
    const justExpired = await encode({ token: { sid: "recent" }, secret: SECRET, maxAge: -5 });
    expect(await decodeSessionCookie({ token: justExpired, secret: SECRET })).toMatchObject({ sid: "recent" });
  });

  it("refuses a cookie it has read before once its expiry has passed", async () => {
    const token = await encode({ token: { sid: "session-1" }, secret: SECRET, maxAge: 60 });
    expect(await decodeSessionCookie({ token, secret: SECRET })).toMatchObject({ sid: "session-1" });
    vi.useFakeTimers({ now: Date.now() + 120_000 });
    await expect(decodeSessionCookie({ token, secret: SECRET })).rejects.toThrow();
  });

  it("reads no cookie as no session", async () => {
    expect(await decodeSessionCookie({ token: undefined, secret: SECRET })).toBeNull();
  });
});
