import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";

const demo = { NEXTAUTH_SECRET: "x".repeat(32), SECRETS_KEY: Buffer.alloc(32, 1).toString("base64") };

function messageOf(source: Record<string, string | undefined>): string {
  try {
    parseEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as Error).message;
  }
  throw new Error("expected parseEnv to refuse");
}

describe("parseEnv", () => {
  it("runs the demo on defaults once the launcher has provided the two secrets", () => {
    const env = parseEnv(demo);
    expect(env.APP_ORIGIN).toBe("http://localhost:3000");
    expect(env.AUTH_ZITADEL_ISSUER).toBe("http://localhost:8080");
    expect(env.AUTH_ZITADEL_CLIENT_ID).toBe("m2m-console");
    expect(env.SQLITE_PATH).toBe("data/db/console.sqlite");
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.ALLOWED_ISSUERS).toEqual([]);
  });

  it("names a missing auth secret and a missing encryption key", () => {
    const message = messageOf({});
    expect(message).toContain("NEXTAUTH_SECRET is missing");
    expect(message).toContain("SECRETS_KEY is missing");
  });

  it("refuses an encryption key that is not 32 bytes", () => {
    expect(messageOf({ ...demo, SECRETS_KEY: Buffer.alloc(16).toString("base64") })).toContain("SECRETS_KEY must be 32 bytes");
    expect(messageOf({ ...demo, SECRETS_PREVIOUS_KEYS: "short" })).toContain("SECRETS_PREVIOUS_KEYS");
  });

  it("requires the client credentials of a real ZITADEL, never falling back to the demo app", () => {
    const message = messageOf({ ...demo, AUTH_ZITADEL_ISSUER: "https://acme.zitadel.cloud" });
    expect(message).toContain("AUTH_ZITADEL_CLIENT_ID is required");
    expect(message).toContain("AUTH_ZITADEL_CLIENT_SECRET is required");
  });

  it("normalizes allowed issuers to origins and names a bad one", () => {
    expect(parseEnv({ ...demo, ALLOWED_ISSUERS: "http://localhost:8080/, https://id.example.com/path" }).ALLOWED_ISSUERS).toEqual([
      "http://localhost:8080",
      "https://id.example.com",
    ]);
    expect(messageOf({ ...demo, ALLOWED_ISSUERS: "not a url" })).toContain('ALLOWED_ISSUERS "not a url" is not an origin');
  });

  it("accepts only postgres URLs for DATABASE_URL", () => {
    expect(messageOf({ ...demo, DATABASE_URL: "mysql://x" })).toContain("DATABASE_URL must be a postgres:// URL");
  });

  it("refuses a plain-http public origin in production", () => {
    expect(messageOf({ ...demo, NODE_ENV: "production", APP_ORIGIN: "http://console.example.com" })).toContain("APP_ORIGIN must be https://");
  });
});
