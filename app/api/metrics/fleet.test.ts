import { describe, expect, it, vi } from "vitest";

// The fleet gauge as a scraper reads it: one series per health status, counted when scraped, and a database that
// cannot answer leaves the gauge out instead of failing the scrape.

const env = vi.hoisted(() => ({ METRICS_TOKEN: "scrape-token-scrape-token-0123456789" }));
vi.mock("@/lib/env", () => ({ getEnv: () => env }));
const counts = vi.hoisted(() => ({ next: null as null | Error | Record<string, number> }));
vi.mock("@/lib/server/health", () => ({
  getHealthCounts: async () => {
    if (counts.next instanceof Error) throw counts.next;
    return { total: 0, byStatus: counts.next, byOrg: [] };
  },
}));

const { GET } = await import("./route");
const scrape = async () =>
  (await GET(new Request("http://localhost/api/metrics", { headers: { authorization: `Bearer ${env.METRICS_TOKEN}` } }))).text();

describe("m2m_console_credentials", () => {
  it("counts the credentials per health status at scrape time", async () => {
    counts.next = { working: 7, token_fails: 1, org_fails: 2, untested: 0, stale: 3 };
    const body = await scrape();
    expect(body).toContain('m2m_console_credentials{status="working"} 7');
    expect(body).toContain('m2m_console_credentials{status="org_fails"} 2');
    expect(body).toContain('m2m_console_credentials{status="stale"} 3');
    counts.next = { working: 8, token_fails: 0, org_fails: 2, untested: 0, stale: 3 };
    expect(await scrape()).toContain('m2m_console_credentials{status="working"} 8');
  });

  it("leaves the gauge out while the database cannot answer, and still serves the rest", async () => {
    counts.next = new Error("database down");
    const body = await scrape();
    expect(body).not.toContain("m2m_console_credentials{status=");
    expect(body).toContain("m2m_console_runs_total");
  });
});
