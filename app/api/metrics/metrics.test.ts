import { beforeEach, describe, expect, it, vi } from "vitest";

// The metrics route as a scraper and a stranger meet it: absent unless configured, the token or nothing, and only
// closed-set labels in what it prints.

const env = vi.hoisted(() => ({ METRICS_TOKEN: undefined as string | undefined }));
vi.mock("@/lib/env", () => ({ getEnv: () => env }));

const { GET } = await import("./route");
const { countRun } = await import("@/lib/server/metrics");

const TOKEN = "scrape-token-scrape-token-0123456789";
const scrape = (authorization?: string) =>
  GET(new Request("http://localhost/api/metrics", { headers: authorization ? { authorization } : {} }));

describe("GET /api/metrics", () => {
  beforeEach(() => {
    env.METRICS_TOKEN = TOKEN;
  });

  it("does not exist while METRICS_TOKEN is unset, whatever is presented", async () => {
    env.METRICS_TOKEN = undefined;
    const response = await scrape(`Bearer ${TOKEN}`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain("m2m_console");
  });

  it("refuses a scrape without the token or with another one, and says how to authenticate", async () => {
    for (const authorization of [undefined, "Bearer wrong-token", `Basic ${Buffer.from(`x:${TOKEN}`).toString("base64")}`]) {
      const response = await scrape(authorization);
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toContain("Bearer");
      expect(await response.text()).not.toContain("m2m_console_runs_total");
    }
  });

  it("prints tests and lookups by outcome and diagnosis, and upstream latency per issuer, in Prometheus text format", async () => {
    countRun({ kind: "token", issuer: "https://acme.zitadel.cloud", diagnosisCode: null, latencyMs: 42 });
    countRun({ kind: "token", issuer: "https://acme.zitadel.cloud", diagnosisCode: "invalid_secret", latencyMs: 12 });
    countRun({ kind: "org", issuer: "https://acme.zitadel.cloud", diagnosisCode: "missing_permission", latencyMs: null });
    const response = await scrape(`Bearer ${TOKEN}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = await response.text();
    expect(body).toContain('m2m_console_runs_total{kind="token",outcome="ok",diagnosis="none"} 1');
    expect(body).toContain('m2m_console_runs_total{kind="token",outcome="failed",diagnosis="invalid_secret"} 1');
    expect(body).toContain('m2m_console_runs_total{kind="org",outcome="failed",diagnosis="missing_permission"} 1');
    expect(body).toContain('m2m_console_upstream_seconds_count{kind="token",issuer="https://acme.zitadel.cloud"} 2');
    expect(body).toContain('m2m_console_upstream_seconds_bucket{le="0.025",kind="token",issuer="https://acme.zitadel.cloud"} 1');
  });
});
