"use client";

import { Badge } from "@/components/ui/badge";
import { ErrorState } from "@/components/ui/error-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { Skeleton } from "@/components/ui/skeleton";
import { TBody, THeadRow, Table, Td, Tr } from "@/components/ui/table";
import { useTestHistory } from "@/lib/client/use-test-history";
import type { TestHistoryItem } from "@/lib/schemas/diagnostics";
import { BusyButton } from "./busy-button";
import { formatLatency } from "./format";
import { outcomeLabel, outcomeTone } from "./outcome-labels";

// This credential's recent token tests and org lookups, as stored on the server; refreshed after each one.

const COLUMNS = ["Time", "Operator", "Kind", "Outcome", "Organization seen", "Latency", "Token"] as const;

export function TestHistory({ credentialId }: { credentialId: string }) {
  const { items, error, isLoading, isValidating, refresh } = useTestHistory(credentialId);
  return (
    <section aria-labelledby="test-history-heading" aria-busy={isValidating || undefined} className="space-y-3">
      <div className="flex items-center gap-3">
        <h3 id="test-history-heading" className="flex-1 text-base font-semibold">
          Test history
        </h3>
        <BusyButton
          variant="ghost"
          size="sm"
          onClick={() => void refresh()}
          isBusy={isValidating && !isLoading}
          aria-label="Refresh the test history"
        >
          Refresh
        </BusyButton>
      </div>
      {error && !items ? <ErrorState error={error} title="The test history could not be loaded" onRetry={() => void refresh()} /> : null}
      {isLoading ? <Skeleton className="h-32 w-full" /> : null}
      {items && items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 px-4 py-6 text-center text-sm text-zinc-500 dark:border-zinc-700 dark:text-zinc-400">
          No tests yet.
        </p>
      ) : null}
      {items && items.length > 0 ? <HistoryTable items={items} /> : null}
    </section>
  );
}

function HistoryTable({ items }: { items: TestHistoryItem[] }) {
  return (
    <Table scrollLabel="Test history table">
      <caption className="sr-only">Recent tests of this credential, newest first</caption>
      <THeadRow columns={COLUMNS} />
      <TBody>
        {items.map((item) => (
          <Tr key={item.id} data-testid="history-row">
            <Td className="whitespace-nowrap text-zinc-600 dark:text-zinc-400">
              <RelativeTime value={item.at} />
            </Td>
            <Td>{item.operator}</Td>
            <Td className="whitespace-nowrap">{item.kind === "token" ? "Token test" : "Org lookup"}</Td>
            <Td>
              <Badge tone={outcomeTone(item.outcome)}>{outcomeLabel(item.outcome)}</Badge>
              {item.httpStatus !== null ? (
                <span className="ml-1.5 font-mono text-xs text-zinc-500 dark:text-zinc-400">{item.httpStatus}</span>
              ) : null}
            </Td>
            <Td>
              {item.orgName ?? <span className="text-zinc-600 dark:text-zinc-400">—</span>}
              {item.orgId ? <span className="block font-mono text-xs text-zinc-500 dark:text-zinc-400">{item.orgId}</span> : null}
            </Td>
            <Td className="font-mono text-xs whitespace-nowrap">{formatLatency(item.latencyMs)}</Td>
            <Td className="whitespace-nowrap text-zinc-600 dark:text-zinc-400">{item.cached ? "cached" : "new"}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
