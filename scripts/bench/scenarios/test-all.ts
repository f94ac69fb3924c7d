// Scenario 4: a test-all run over 1,000 credentials whose service users each answer 50 ms late (token and orgs/me).
// The ideal is the upstream time alone at the run's concurrency: 1,000 / concurrency × (2 calls × 50 ms).
import type { ConsoleApi } from "../console-api";
import { RUN_FLEET, runFleetUser, type Stack } from "../stack";

const IMPORT_ROWS = 500; // the import's own cap per request
const UPSTREAM_CALLS_PER_ITEM = 2;

export interface TestAllResult {
  credentials: number;
  concurrency: number;
  seconds: number;
  idealSeconds: number;
  ratio: number;
  counts: Record<string, number>;
}

export async function testAllRun(stack: Stack, api: ConsoleApi, concurrency: number): Promise<TestAllResult> {
  const tag = "bench-fleet";
  for (let start = 0; start < RUN_FLEET.size; start += IMPORT_ROWS) {
    const rows = ["label,issuer,clientId,clientSecret,scopes,orgId,authMethod,tags"];
    for (let i = start; i < Math.min(start + IMPORT_ROWS, RUN_FLEET.size); i += 1) {
      rows.push(`${runFleetUser(i)},${stack.issuer},${runFleetUser(i)},${RUN_FLEET.secret},,,,${tag}`);
    }
    await api.json("POST", "/api/credentials/import", { format: "csv", text: rows.join("\n") });
  }
  const started = performance.now();
  const run = await api.json<{ id: string }>("POST", "/api/runs", { scope: { kind: "filter", filter: { tag } } });
  let detail: { state: string; counts: Record<string, number>; startedAt: string; finishedAt: string | null };
  for (;;) {
    detail = (await api.json<{ run: typeof detail }>("GET", `/api/runs/${run.id}`)).run;
    if (detail.state !== "running") break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  // The run's own start and end, as the store recorded them (the polling above only waits).
  const seconds = detail.finishedAt
    ? (Date.parse(detail.finishedAt) - Date.parse(detail.startedAt)) / 1000
    : (performance.now() - started) / 1000;
  const idealSeconds = (RUN_FLEET.size / concurrency) * ((UPSTREAM_CALLS_PER_ITEM * RUN_FLEET.latencyMs) / 1000);
  return {
    credentials: RUN_FLEET.size,
    concurrency,
    seconds: Math.round(seconds * 100) / 100,
    idealSeconds,
    ratio: Math.round((seconds / idealSeconds) * 100) / 100,
    counts: detail.counts,
  };
}
