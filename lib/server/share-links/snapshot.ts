import "server-only";
import { ApiError } from "@/lib/api-error";
import { buildReportJson, buildReportMarkdown } from "@/lib/reports/check-report";
import { runReportMarkdown } from "@/lib/reports/run-report";
import { toCredentialDto } from "@/lib/server/credentials/dto";
import { requireCredentialRow } from "@/lib/server/credentials/get-credential";
import { getPresentation } from "@/lib/server/diagnostics";
import { getRunReport } from "@/lib/server/runs";
import type { ShareSourceType } from "@/lib/server/store";

// What a share link shows: the report of a credential's latest recorded check or of a test-all run, built on the
// server from what the console recorded (never a live answer), by the same builders as the page's downloads. The
// history holds no token, and a kept token result only its redacted metadata: nothing in it authenticates anything.

export interface Snapshot {
  title: string;
  markdown: string;
  json: unknown;
}

export async function snapshotOf(sourceType: ShareSourceType, sourceId: string, by: string, now = new Date()): Promise<Snapshot> {
  return sourceType === "check" ? checkSnapshot(sourceId, by, now) : runSnapshot(sourceId, by, now);
}

async function checkSnapshot(credentialId: string, by: string, now: Date): Promise<Snapshot> {
  const credential = toCredentialDto(await requireCredentialRow(credentialId));
  const { recorded } = await getPresentation(credentialId);
  if (!recorded) {
    throw new ApiError("conflict", "This credential has no recorded check to share.", { hint: "Test its token or look up its org first." });
  }
  const input = { credential, tokenTest: recorded.tokenTest, orgLookup: recorded.orgLookup, by, now };
  return { title: `Check of ${credential.label}`, markdown: buildReportMarkdown(input), json: buildReportJson(input) };
}

async function runSnapshot(runId: string, by: string, now: Date): Promise<Snapshot> {
  const report = await getRunReport(runId, by, now);
  return { title: `Test-all run of ${report.run.startedAt}`, markdown: runReportMarkdown(report), json: report };
}
