"use client";

import useSWR from "swr";
import { apiFetch } from "@/lib/client/fetcher";
import type { RunReport } from "@/lib/reports/run-report";
import type { RunDetail, RunDto, RunScope, RunsResponse } from "@/lib/schemas/runs";

// Test-all runs: the latest ones and the one in progress (GET /api/runs), start (POST), cancel, one run's detail.

const RUNS_URL = "/api/runs";

export function useRuns() {
  const { data, error, isLoading, mutate } = useSWR<RunsResponse>(RUNS_URL, (url: string) => apiFetch<RunsResponse>(url));

  async function start(scope: RunScope): Promise<RunDto> {
    const run = await apiFetch<RunDto>(RUNS_URL, { method: "POST", body: { scope } });
    await mutate();
    return run;
  }

  async function cancel(id: string): Promise<RunDto> {
    const run = await apiFetch<RunDto>(`${RUNS_URL}/${encodeURIComponent(id)}/cancel`, { method: "POST" });
    await mutate();
    return run;
  }

  return { runs: data?.items, active: data?.active ?? null, error: error as unknown, isLoading, retry: () => mutate(), start, cancel };
}

/** One run with its items; re-read every 2 s while it runs (the page's progress itself comes from useRunEvents). */
export function useRun(id: string) {
  const { data, error, isLoading, mutate } = useSWR<RunDetail>(
    `${RUNS_URL}/${encodeURIComponent(id)}`,
    (url: string) => apiFetch<RunDetail>(url),
    { refreshInterval: (latest) => (latest?.run.state === "running" ? 2_000 : 0) },
  );
  /** The run as a report to share, built by the server (the diagnoses are its catalogue's); asked for on demand. */
  const fetchReport = () => apiFetch<RunReport>(`${RUNS_URL}/${encodeURIComponent(id)}/report`);
  return { detail: data, error: error as unknown, isLoading, retry: () => mutate(), fetchReport };
}
