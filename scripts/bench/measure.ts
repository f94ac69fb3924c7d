// Timing and summary helpers: each scenario runs a few warm-up calls, then N measured ones, one at a time.

export interface Summary {
  runs: number;
  medianMs: number;
  p95Ms: number;
  minMs: number;
  maxMs: number;
}

export function summarize(timings: readonly number[]): Summary {
  const sorted = [...timings].sort((a, b) => a - b);
  const at = (quantile: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(quantile * sorted.length) - 1))]!;
  const round = (value: number) => Math.round(value * 100) / 100;
  return { runs: sorted.length, medianMs: round(at(0.5)), p95Ms: round(at(0.95)), minMs: round(sorted[0]!), maxMs: round(sorted.at(-1)!) };
}

export async function time(runs: number, call: () => Promise<unknown>, warmup = Math.min(10, runs)): Promise<Summary> {
  for (let i = 0; i < warmup; i += 1) await call();
  const timings: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await call();
    timings.push(performance.now() - started);
  }
  return summarize(timings);
}

/** Fails loudly: a benchmark of a failing call measures nothing. */
export async function expectOk(response: Response, what: string): Promise<Response> {
  if (!response.ok) throw new Error(`${what}: HTTP ${response.status} ${(await response.text()).slice(0, 300)}`);
  return response;
}
