import "server-only";
import { buildRunReportJson, type RunReport } from "@/lib/reports/run-report";
import { diagnosisCodeSchema, type Diagnosis } from "@/lib/schemas/diagnostics";
import type { RunItemDto } from "@/lib/schemas/runs";
import { getStore } from "@/lib/server/store";
import { makeDiagnosis } from "@/lib/server/zitadel";
import { getRunDetail } from "./read-runs";

// A run as a report to share: the diagnoses are the catalogue's, so the report is built here, for the page's
// downloads and for share links alike.

/** More failing items than this are counted in the run's numbers, not listed with their diagnoses. */
const MAX_FAILING = 500;

/** A run's report: its counts and each failing credential with its diagnosis, and ZITADEL's error where the history kept it. */
export async function getRunReport(runId: string, by: string, now = new Date()): Promise<RunReport> {
  const { run, items } = await getRunDetail(runId);
  const failed = items.filter((item) => item.status === "token_fails" || item.status === "org_fails").slice(0, MAX_FAILING);
  const failing = await Promise.all(failed.map(async (item) => ({ item, diagnosis: await diagnosisOf(item, runId) })));
  return buildRunReportJson({ run, failing, by, now });
}

// A run's checks carry the run's id as their request id: the history's row of this run has ZITADEL's error.
async function diagnosisOf(item: RunItemDto, runId: string): Promise<Diagnosis | null> {
  const code = diagnosisCodeSchema.safeParse(item.code);
  if (!code.success) return null;
  const runs = await (await getStore()).testRuns.list(item.credentialId, 10);
  const recorded = runs.find((row) => row.requestId === runId && row.outcome === code.data);
  const diagnosis = makeDiagnosis(code.data, {
    ...(recorded?.httpStatus ? { httpStatus: recorded.httpStatus } : {}),
    ...(recorded?.upstreamError ? { upstreamError: recorded.upstreamError } : {}),
  });
  return { ...diagnosis, requestId: runId };
}
