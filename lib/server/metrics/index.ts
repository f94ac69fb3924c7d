import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { getHealthCounts } from "@/lib/server/health";
import { processSingleton } from "@/lib/server/process-singleton";

// Prometheus metrics (prom-client), one registry per process: what every token test and org lookup ended in, and how
// long ZITADEL took. Labels are small closed sets (kind, outcome, diagnosis code, issuer origin): never a credential,
// a client ID or an operator, so a scrape tells nothing about who tested what.

interface ConsoleMetrics {
  registry: Registry;
  runs: Counter<"kind" | "outcome" | "diagnosis">;
  upstreamSeconds: Histogram<"kind" | "issuer">;
  credentials: Gauge<"status">;
  checkRuns: Counter<"event" | "outcome">;
}

const metrics = () =>
  processSingleton<ConsoleMetrics>("metrics", () => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry, prefix: "m2m_console_" });
    return {
      registry,
      runs: new Counter({
        name: "m2m_console_runs_total",
        help: "Token tests and org lookups by kind (token, org), outcome (ok, failed) and diagnosis code (none when ok).",
        labelNames: ["kind", "outcome", "diagnosis"],
        registers: [registry],
      }),
      upstreamSeconds: new Histogram({
        name: "m2m_console_upstream_seconds",
        help: "Time ZITADEL took to answer a token request or orgs/me call, by kind and issuer.",
        labelNames: ["kind", "issuer"],
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
        registers: [registry],
      }),
      credentials: fleetGauge(registry),
      checkRuns: new Counter({
        name: "m2m_console_check_runs_total",
        help: "Test-all runs: event started (outcome operator or schedule) or finished (outcome done, cancelled, failed).",
        labelNames: ["event", "outcome"],
        registers: [registry],
      }),
    };
  });

// The fleet by health status, counted from the database at scrape time, so every instance reports the same numbers.
// A scrape while the database is unavailable leaves the gauge out rather than failing the whole scrape.
function fleetGauge(registry: Registry): Gauge<"status"> {
  return new Gauge({
    name: "m2m_console_credentials",
    help: "Registered credentials by health status (working, token_fails, org_fails, issuer_unavailable, untested, stale).",
    labelNames: ["status"],
    registers: [registry],
    async collect() {
      this.reset();
      const counts = await getHealthCounts().catch(() => null);
      if (!counts) return;
      for (const [status, n] of Object.entries(counts.byStatus)) this.set({ status }, n);
    },
  });
}

export function countRunStarted(by: "operator" | "schedule"): void {
  metrics().checkRuns.inc({ event: "started", outcome: by });
}

export function countRunFinished(outcome: "done" | "cancelled" | "failed"): void {
  metrics().checkRuns.inc({ event: "finished", outcome });
}

export function countRun(run: { kind: "token" | "org"; issuer: string; diagnosisCode: string | null; latencyMs: number | null }): void {
  const { runs, upstreamSeconds } = metrics();
  runs.inc({ kind: run.kind, outcome: run.diagnosisCode ? "failed" : "ok", diagnosis: run.diagnosisCode ?? "none" });
  if (run.latencyMs !== null) upstreamSeconds.observe({ kind: run.kind, issuer: run.issuer }, run.latencyMs / 1000);
}

export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  const { registry } = metrics();
  return { contentType: registry.contentType, body: await registry.metrics() };
}

/** Compares the presented bearer token with the configured one in constant time (hashes first: equal lengths). */
export function isMetricsToken(presented: string, configured: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(presented), digest(configured));
}
