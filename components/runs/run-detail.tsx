"use client";

import Link from "next/link";
import { ShareReportMenu } from "@/components/diagnostics/share-report-menu";
import { ErrorState } from "@/components/ui/error-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TableSkeleton, TBody, Td, THeadRow, Tr } from "@/components/ui/table";
import { useMe } from "@/lib/client/use-me";
import { useRun, useRuns } from "@/lib/client/use-runs";
import { runReportMarkdown } from "@/lib/reports/run-report";
import type { RunItemDto } from "@/lib/schemas/runs";
import { COUNT_LABELS, formatRunDuration, scopeLabel, STATE_LABELS } from "./run-labels";
import { RunCountList, RunPanel } from "./run-panel";

// One run: its progress while it runs, then every credential it covered and what each came to.

const COLUMNS = ["Credential", "Result", "Organization", "Code"] as const;

export function RunDetailView({ id }: { id: string }) {
  const { detail, error, isLoading, retry, fetchReport } = useRun(id);
  const { cancel } = useRuns();
  const denied = useMe().deniedReason("operator");
  if (error && !detail) return <ErrorState error={error} onRetry={() => void retry()} title="The run could not be loaded" />;
  if (isLoading || !detail) return <TableSkeleton columns={COLUMNS} label="Loading the run" />;
  const { run, items } = detail;
  const duration = formatRunDuration(run.startedAt, run.finishedAt);
  return (
    <div className="space-y-6">
      <header>
        <Link href="/runs" className="text-sm text-indigo-600 underline dark:text-indigo-400">
          All runs
        </Link>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight">Test-all run: {scopeLabel(run.scope)}</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Started by {run.startedBy.name ?? run.startedBy.id} <RelativeTime value={run.startedAt} /> · {STATE_LABELS[run.state]}
          {duration === null ? "" : ` in ${duration}`}
          {run.reason ? ` · ${run.reason}` : ""}
        </p>
      </header>
      {run.state === "running" ? (
        <RunPanel
          run={run}
          cancelDenied={denied}
          onEnded={() => void retry()}
          onCancel={async () => {
            await cancel(run.id);
            await retry();
          }}
        />
      ) : (
        <>
          <RunCountList counts={run.counts} />
          <ShareReportMenu
            what="This run's outcome counts and each failing credential with its diagnosis and fix"
            fileBase={`run-${run.startedAt}`}
            report={async () => {
              const json = await fetchReport();
              return { json, markdown: runReportMarkdown(json) };
            }}
            link={
              denied
                ? null
                : { sourceType: "run", sourceId: run.id, note: "A link shows this run's report as it is when the link is made." }
            }
            testId="share-run-report"
          />
        </>
      )}
      <Table scrollLabel="Credentials in this run">
        <caption className="sr-only">Credentials in this run</caption>
        <THeadRow columns={COLUMNS} />
        <TBody>
          {items.map((item) => (
            <Tr key={item.credentialId} data-testid="run-item">
              <Td>
                <Link href={`/credentials/${item.credentialId}`} className="text-indigo-600 underline dark:text-indigo-400">
                  {item.label}
                </Link>
              </Td>
              <Td data-testid="run-item-result">{itemResult(item)}</Td>
              <Td>{item.org?.name ?? "—"}</Td>
              <Td className="font-mono text-xs">{item.code ?? "—"}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    </div>
  );
}

function itemResult(item: RunItemDto): string {
  if (item.state === "done" && item.status) return COUNT_LABELS[item.status];
  if (item.state === "pending") return COUNT_LABELS.pending;
  if (item.state === "running") return COUNT_LABELS.running;
  return item.state === "cancelled" ? COUNT_LABELS.cancelled : COUNT_LABELS.skipped;
}
