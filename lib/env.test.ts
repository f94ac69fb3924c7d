import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { applyNextAuthUrl, EnvError, getEnv, parseEnv } from "@/lib/env";
import { selfSignedCertificate } from "@/lib/server/http/testing";

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

  it("waits 30 s by default for ZITADEL to accept a new secret, and at most 5 minutes", () => {
    expect(parseEnv(demo).PROVISIONING_SECRET_WAIT_SECONDS).toBe(30);
    expect(parseEnv({ ...demo, PROVISIONING_SECRET_WAIT_SECONDS: "2" }).PROVISIONING_SECRET_WAIT_SECONDS).toBe(2);
    expect(messageOf({ ...demo, PROVISIONING_SECRET_WAIT_SECONDS: "301" })).toContain("PROVISIONING_SECRET_WAIT_SECONDS");
    expect(messageOf({ ...demo, PROVISIONING_SECRET_WAIT_SECONDS: "soon" })).toContain("PROVISIONING_SECRET_WAIT_SECONDS");
  });

  it("keeps scheduled checks off by default and accepts only intervals cron can express", () => {
    const env = parseEnv(demo);
    expect(env.SCHEDULED_CHECKS_INTERVAL_MINUTES).toBeUndefined();
    expect(env.TEST_ALL_CONCURRENCY_PER_ISSUER).toBe(4);
    expect(parseEnv({ ...demo, SCHEDULED_CHECKS_INTERVAL_MINUTES: "15", SCHEDULED_CHECKS_TAG: " Prod " })).toMatchObject({
      SCHEDULED_CHECKS_INTERVAL_MINUTES: 15,
      SCHEDULED_CHECKS_TAG: "prod",
    });
    expect(parseEnv({ ...demo, SCHEDULED_CHECKS_INTERVAL_MINUTES: "360" }).SCHEDULED_CHECKS_INTERVAL_MINUTES).toBe(360);
    expect(messageOf({ ...demo, SCHEDULED_CHECKS_INTERVAL_MINUTES: "7" })).toContain(
      "SCHEDULED_CHECKS_INTERVAL_MINUTES must divide an hour",
    );
    expect(messageOf({ ...demo, SCHEDULED_CHECKS_INTERVAL_MINUTES: "90" })).toContain("SCHEDULED_CHECKS_INTERVAL_MINUTES");
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
    expect(messageOf({ ...demo, NODE_ENV: "production", APP_ORIGIN: "http://console.example.com" })).toContain(
      "APP_ORIGIN must be https://",
    );
  });
});

describe("demo settings", () => {
  it("list no demo logins and prefill no issuer unless told to: a real ZITADEL's sign-in page shows none", () => {
    const env = parseEnv({
      ...demo,
      AUTH_ZITADEL_ISSUER: "https://acme.zitadel.cloud",
      AUTH_ZITADEL_CLIENT_ID: "c",
      AUTH_ZITADEL_CLIENT_SECRET: "s",
    });
    expect(env.DEMO_LOGINS).toEqual([]);
    expect(env.DEFAULT_ISSUER).toBeUndefined();
  });

  it("read the demo logins the launcher sets, and name one that is not login:password:role", () => {
    const env = parseEnv({
      ...demo,
      DEMO_LOGINS: "ada:demo-password:admin, nora:demo-password:none",
      DEFAULT_ISSUER: "http://localhost:8080/",
    });
    expect(env.DEMO_LOGINS).toEqual([
      { login: "ada", password: "demo-password", role: "admin" },
      { login: "nora", password: "demo-password", role: "none" },
    ]);
    expect(env.DEFAULT_ISSUER).toBe("http://localhost:8080");
    expect(messageOf({ ...demo, DEMO_LOGINS: "ada:admin" })).toContain('DEMO_LOGINS "ada:admin" is not login:password:role');
    expect(messageOf({ ...demo, DEFAULT_ISSUER: "acme" })).toContain("DEFAULT_ISSUER");
  });
});

describe("TLS settings", () => {
  const dir = mkdtempSync(join(tmpdir(), "m2m-env-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("refuses to start in production with certificate checks turned off, and says what to do instead", () => {
    const message = messageOf({ ...demo, NODE_ENV: "production", NODE_TLS_REJECT_UNAUTHORIZED: "0" });
    expect(message).toContain("NODE_TLS_REJECT_UNAUTHORIZED=0 turns off certificate checks");
    expect(message).toContain("ISSUER_CA_FILE");
    expect(() => parseEnv({ ...demo, NODE_ENV: "production", NODE_TLS_REJECT_UNAUTHORIZED: "1" })).not.toThrow();
  });

  it("reads the certificates of ISSUER_CA_FILE, and names a file that is missing or holds none", () => {
    const { certPath } = selfSignedCertificate(dir, "private-ca");
    expect(parseEnv({ ...demo, ISSUER_CA_FILE: certPath }).ISSUER_CA_CERTS).toEqual([readFileSync(certPath, "utf8").trim()]);
    expect(parseEnv(demo).ISSUER_CA_CERTS).toEqual([]);
    expect(messageOf({ ...demo, ISSUER_CA_FILE: join(dir, "absent.pem") })).toMatch(
      /ISSUER_CA_FILE \(.*absent\.pem\) cannot be read \(ENOENT\)/,
    );
    const notPem = join(dir, "key.txt");
    writeFileSync(notPem, "just some text");
    expect(messageOf({ ...demo, ISSUER_CA_FILE: notPem })).toContain("holds no PEM certificate");
    const broken = join(dir, "broken.pem");
    writeFileSync(broken, "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n");
    expect(messageOf({ ...demo, ISSUER_CA_FILE: broken })).toContain("certificate 1 of 1 cannot be parsed");
  });
});

describe("NEXTAUTH_URL", () => {
  it("refuses one that disagrees with APP_ORIGIN, naming both", () => {
    const message = messageOf({ ...demo, APP_ORIGIN: "https://console.example.com", NEXTAUTH_URL: "http://console.example.com" });
    expect(message).toContain("NEXTAUTH_URL (http://console.example.com) disagrees with APP_ORIGIN (https://console.example.com)");
    expect(messageOf({ ...demo, APP_ORIGIN: "https://console.example.com", NEXTAUTH_URL: "https://other.example.com" })).toContain(
      "disagrees",
    );
    expect(
      messageOf({ ...demo, APP_ORIGIN: "https://console.example.com", NEXTAUTH_URL: "https://console.example.com/elsewhere" }),
    ).toContain("disagrees");
  });

  it("accepts the same origin, with or without next-auth's /api/auth path", () => {
    for (const value of ["https://console.example.com", "https://console.example.com/", "https://console.example.com/api/auth"]) {
      expect(() => parseEnv({ ...demo, APP_ORIGIN: "https://console.example.com", NEXTAUTH_URL: value })).not.toThrow();
    }
  });

  it("is set from APP_ORIGIN by an explicit boot step, not as a side effect of reading the settings", () => {
    vi.stubEnv("NEXTAUTH_SECRET", demo.NEXTAUTH_SECRET);
    vi.stubEnv("SECRETS_KEY", demo.SECRETS_KEY);
    vi.stubEnv("APP_ORIGIN", "https://console.example.com");
    vi.stubEnv("NEXTAUTH_URL", undefined);
    try {
      const env = getEnv();
      expect(process.env.NEXTAUTH_URL).toBeUndefined();
      applyNextAuthUrl(env);
      expect(process.env.NEXTAUTH_URL).toBe("https://console.example.com");
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

// The alert settings as whoever deploys the console meets them: off unless set, and a bad one named without
// repeating the URL (a Slack webhook URL is itself a secret that must not reach a log).
describe("alert settings", () => {
  it("are off by default, and an empty URL is the same as none", () => {
    const env = parseEnv(demo);
    expect([env.ALERT_WEBHOOK_URL, env.ALERT_WEBHOOK_FORMAT, env.ALERT_WEBHOOK_SECRET]).toEqual([undefined, "json", undefined]);
    expect(parseEnv({ ...demo, ALERT_WEBHOOK_URL: "  " }).ALERT_WEBHOOK_URL).toBeUndefined();
  });

  it("accept a private http receiver and the slack format", () => {
    const env = parseEnv({ ...demo, ALERT_WEBHOOK_URL: "http://10.0.0.5:9093/hooks/m2m", ALERT_WEBHOOK_FORMAT: "slack" });
    expect([env.ALERT_WEBHOOK_URL, env.ALERT_WEBHOOK_FORMAT]).toEqual(["http://10.0.0.5:9093/hooks/m2m", "slack"]);
  });

  it("refuse a URL that is not http(s) without echoing it, an unknown format and a short signing secret", () => {
    const slackLike = "ftp://hooks.example.com/services/T000/B000/XXXXsecretpartXXXX";
    const message = messageOf({ ...demo, ALERT_WEBHOOK_URL: slackLike, ALERT_WEBHOOK_FORMAT: "teams", ALERT_WEBHOOK_SECRET: "short" });
    expect(message).toContain("ALERT_WEBHOOK_URL must be an http:// or https:// URL");
    expect(message).toContain("ALERT_WEBHOOK_FORMAT must be json or slack");
    expect(message).toContain("ALERT_WEBHOOK_SECRET must be at least 16 characters");
    expect(message).not.toContain("secretpart");
    expect(messageOf({ ...demo, ALERT_WEBHOOK_URL: "not a url at all" })).toContain("ALERT_WEBHOOK_URL must be");
  });
});
