import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";

// The alert settings as whoever deploys the console meets them: off unless set, and a bad one named without
// repeating the URL (a Slack webhook URL is itself a secret that must not reach a log).

const demo = { NEXTAUTH_SECRET: "x".repeat(32), SECRETS_KEY: Buffer.alloc(32, 1).toString("base64") };

function messageOf(source: Record<string, string>): string {
  try {
    parseEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as Error).message;
  }
  throw new Error("expected parseEnv to refuse");
}

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
