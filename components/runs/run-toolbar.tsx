"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ApiError } from "@/lib/api-error";
import { useMe } from "@/lib/client/use-me";
import { useRuns } from "@/lib/client/use-runs";
import type { CredentialFilter } from "@/lib/schemas/credential";
import type { RunDto } from "@/lib/schemas/runs";
import { RunPanel } from "./run-panel";

// "Test all" and "Test what the filter shows" on the credentials list, and the run they started (or the one in
// progress when the page opens: a run goes on in the background while nobody watches).

// The list's rows and counts catch up with a run as its results land: at most once a second, and once at its end.
const REFRESH_EVERY_MS = 1_000;

interface RunToolbarProps {
  filter: CredentialFilter;
  isFiltered: boolean;
  /** Re-reads what shows results (the list's rows and counts). */
  onResults?: () => void;
  /** Credentials picked in the list, for "Test selected". */
  selectedIds?: readonly string[];
  /** The selection started a run: the list clears it. */
  onSelectionUsed?: () => void;
}

export function RunToolbar({ filter, isFiltered, onResults, selectedIds = [], onSelectionUsed }: RunToolbarProps) {
  const { active, start, cancel, retry } = useRuns();
  const refreshSoon = useThrottled(onResults, REFRESH_EVERY_MS);
  const denied = useMe().deniedReason("operator");
  const [started, setStarted] = useState<RunDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isStarting, setStarting] = useState(false);
  const shown = started ?? active;
  const busy = active ? "A run is in progress." : null;

  async function run(kind: "all" | "filter" | "selected") {
    setStarting(true);
    setError(null);
    try {
      const scope = kind === "selected" ? { kind, ids: [...selectedIds] } : kind === "filter" ? { kind, filter } : { kind };
      setStarted(await start(scope));
      if (kind === "selected") onSelectionUsed?.();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : "The run could not be started.");
    } finally {
      setStarting(false);
    }
  }

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Test many credentials">
        <Button onClick={() => void run("all")} isLoading={isStarting} disabledReason={denied ?? busy}>
          Test all
        </Button>
        {selectedIds.length > 0 ? (
          <Button onClick={() => void run("selected")} isLoading={isStarting} disabledReason={denied ?? busy}>
            Test selected ({selectedIds.length})
          </Button>
        ) : null}
        {isFiltered ? (
          <Button onClick={() => void run("filter")} isLoading={isStarting} disabledReason={denied ?? busy}>
            Test what the filter shows
          </Button>
        ) : null}
      </div>
      {denied ? (
        <p className="text-xs text-zinc-500 dark:text-zinc-400" data-testid="role-note">
          {denied} to test many credentials at once.
        </p>
      ) : null}
      {error ? <Alert tone="danger" title={error} /> : null}
      {shown ? (
        <RunPanel
          key={shown.id}
          run={shown}
          cancelDenied={denied}
          onEnded={() => {
            void retry();
            onResults?.();
          }}
          onProgress={refreshSoon}
          onCancel={async () => {
            try {
              setStarted(await cancel(shown.id));
            } catch (caught) {
              setError(caught instanceof ApiError ? caught.message : "The run could not be cancelled.");
            }
          }}
        />
      ) : null}
    </div>
  );
}

function useThrottled(call: (() => void) | undefined, intervalMs: number): () => void {
  const latest = useRef(call);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    latest.current = call;
  });
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  return useCallback(() => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      latest.current?.();
    }, intervalMs);
  }, [intervalMs]);
}
