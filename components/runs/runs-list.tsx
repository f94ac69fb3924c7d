"use client";

import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TableSkeleton, TBody, Td, THeadRow, Tr } from "@/components/ui/table";
import { useRuns } from "@/lib/client/use-runs";
import { formatRunDuration, scopeLabel, STATE_LABELS } from "./run-labels";
import { RunCountList } from "./run-panel";

// Past and current test-all runs: who, when, what, how they came out, how long they took.

const COLUMNS = ["Started", "By", "Scope", "State", "Results", "Duration"] as const;

export function RunsList() {
  const { runs, error, isLoading, retry } = useRuns();
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">Test-all runs</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Runs started from the credentials list, and scheduled checks (by “system”). The latest 50.
        </p>
      </header>
      {error && !runs ? (
        <ErrorState error={error} onRetry={() => void retry()} title="The runs could not be loaded" />
      ) : isLoading || !runs ? (
        <TableSkeleton columns={COLUMNS} label="Loading runs" />
      ) : runs.length === 0 ? (
        <EmptyState title="No runs yet" description="Start one with “Test all” on the credentials list." />
      ) : (
        <Table scrollLabel="Test-all runs">
          <caption className="sr-only">Test-all runs, newest first</caption>
          <THeadRow columns={COLUMNS} />
          <TBody>
            {runs.map((run) => {
              const duration = formatRunDuration(run.startedAt, run.finishedAt);
              return (
                <Tr key={run.id} data-testid="run-row">
                  <Td>
                    <Link href={`/runs/${run.id}`} className="text-indigo-600 underline dark:text-indigo-400">
                      <RelativeTime value={run.startedAt} />
                    </Link>
                  </Td>
                  <Td>{run.startedBy.name ?? run.startedBy.id}</Td>
                  <Td>{scopeLabel(run.scope)}</Td>
                  <Td>{STATE_LABELS[run.state]}</Td>
                  <Td>
                    <RunCountList counts={run.counts} />
                  </Td>
                  <Td>{duration ?? "—"}</Td>
                </Tr>
              );
            })}
          </TBody>
        </Table>
      )}
    </div>
  );
}
