import type { Diagnosis } from "@/lib/schemas/diagnostics";
import type { RunDto, RunItemDto } from "@/lib/schemas/runs";
import { runCountsSchema, runStates } from "@/lib/schemas/runs";
import { z } from "@/lib/zod";
import { diagnosisMarkdown, diagnosisPart, diagnosisPartSchema, joinLines, REDACTION_NOTE } from "./report-sections";

// A test-all run as a report: how many credentials came to what, and each failing one with its diagnosis and fix,
// ZITADEL's error id and the request id. Only names, outcomes and diagnoses: a run holds no secret or token to leak.

export interface RunReportInput {
  run: RunDto;
  /** The items that failed, each with the diagnosis its code names (ids added from the history where it kept them). */
  failing: { item: RunItemDto; diagnosis: Diagnosis | null }[];
  by: string;
  now: Date;
}

export const runReportSchema = z.object({
  report: z.literal("M2M Console test-all run"),
  generatedAt: z.string(),
  generatedBy: z.string(),
  run: z.object({
    id: z.string(),
    state: z.enum(runStates),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    startedBy: z.string(),
    total: z.number(),
    done: z.number(),
  }),
  counts: runCountsSchema,
  failing: z.array(
    z.object({
      label: z.string(),
      issuer: z.string(),
      status: z.string(),
      at: z.string().nullable(),
      diagnosis: diagnosisPartSchema.nullable(),
    }),
  ),
});
export type RunReport = z.infer<typeof runReportSchema>;

export function buildRunReportJson({ run, failing, by, now }: RunReportInput): RunReport {
  return {
    report: "M2M Console test-all run",
    generatedAt: now.toISOString(),
    generatedBy: by,
    run: {
      id: run.id,
      state: run.state,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      startedBy: run.startedBy.name ?? run.startedBy.id,
      total: run.total,
      done: run.done,
    },
    counts: run.counts,
    failing: failing.map(({ item, diagnosis }) => ({
      label: item.label,
      issuer: item.issuer,
      status: item.status ?? item.state,
      at: item.finishedAt,
      diagnosis: diagnosis ? diagnosisPart(diagnosis) : null,
    })),
  };
}

const STATUS_WORDS: Record<string, string> = { token_fails: "the token request fails", org_fails: "the organization lookup fails" };

export function runReportMarkdown(report: RunReport): string {
  const { run, counts } = report;
  return joinLines([
    `# M2M Console test-all run of ${run.startedAt}`,
    "",
    `Generated ${report.generatedAt} by ${report.generatedBy}. ${REDACTION_NOTE}`,
    "",
    "## The run",
    "",
    `- Started ${run.startedAt} by ${run.startedBy}; ${run.state}${run.finishedAt ? ` at ${run.finishedAt}` : ""}`,
    `- Credentials: ${run.total}, ${run.done} done`,
    ...Object.entries(counts).map(([name, count]) => `- ${name}: ${count}`),
    "",
    `## Failing credentials (${report.failing.length})`,
    ...report.failing.flatMap((failing) => [
      "",
      `### ${failing.label}`,
      "",
      `- Issuer: ${failing.issuer}`,
      `- Outcome: ${STATUS_WORDS[failing.status] ?? failing.status}${failing.at ? ` (${failing.at})` : ""}`,
      ...(failing.diagnosis ? diagnosisMarkdown(failing.diagnosis, "####") : []),
    ]),
  ]);
}
