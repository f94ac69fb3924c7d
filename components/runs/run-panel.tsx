"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { useRunEvents } from "@/lib/client/use-run-events";
import { formatDuration } from "@/lib/duration";
import type { RunDto } from "@/lib/schemas/runs";
import { COUNT_LABELS, COUNT_ORDER, scopeLabel, STATE_LABELS } from "./run-labels";

// A run as it goes: progress bar, counts per status, ETA, cancel; live from the run's event stream.

interface RunPanelProps {
  run: RunDto;
  onCancel: () => Promise<void>;
  cancelDenied: string | null;
  onEnded?: () => void;
  /** Called as results land (each new count of items done). */
  onProgress?: () => void;
}

export function RunPanel({ run, onCancel, cancelDenied, onEnded, onProgress }: RunPanelProps) {
  const events = useRunEvents(run.id);
  // Once per end of the run, and once per new count of results: the caller's callbacks may change on every render.
  const callbacks = useRef({ onEnded, onProgress });
  useEffect(() => {
    callbacks.current = { onEnded, onProgress };
  });
  useEffect(() => {
    if (events.endedAs) callbacks.current.onEnded?.();
  }, [events.endedAs]);
  const landed = events.progress?.done ?? 0;
  useEffect(() => {
    if (landed > 0) callbacks.current.onProgress?.();
  }, [landed]);
  const progress = events.progress ?? run;
  const state = events.endedAs ?? progress.state;
  const isRunning = state === "running";
  const percent = progress.total ? Math.round((progress.done / progress.total) * 100) : 0;
  const [isCancelling, setCancelling] = useState(false);

  async function cancel() {
    setCancelling(true);
    try {
      await onCancel();
    } finally {
      setCancelling(false);
    }
  }

  return (
    <section
      aria-label="Test-all run"
      data-testid="run-panel"
      data-state={state}
      className="space-y-3 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
    >
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="mr-auto text-base font-semibold">
          {isRunning ? "Testing" : (STATE_LABELS[state as keyof typeof STATE_LABELS] ?? state)}: {scopeLabel(run.scope)}
        </h2>
        <span className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="run-done">
          {progress.done} of {progress.total}
        </span>
        {isRunning && progress.etaSeconds !== null ? (
          <span className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="run-eta">
            about {formatDuration(Math.round(progress.etaSeconds) * 1000, { parts: 2 })} left
          </span>
        ) : null}
        {isRunning ? (
          <Button variant="danger" size="sm" onClick={() => void cancel()} isLoading={isCancelling} disabledReason={cancelDenied}>
            Cancel run
          </Button>
        ) : null}
        <Link href={`/runs/${run.id}`} className="text-sm text-indigo-600 underline dark:text-indigo-400">
          Details
        </Link>
      </div>
      <div
        role="progressbar"
        aria-label="Run progress"
        aria-valuemin={0}
        aria-valuemax={progress.total}
        aria-valuenow={progress.done}
        className="h-2 overflow-hidden rounded bg-zinc-200 dark:bg-zinc-800"
      >
        <div className="h-full bg-indigo-600 transition-[width]" style={{ width: `${percent}%` }} />
      </div>
      <RunCountList counts={progress.counts} />
    </section>
  );
}

export function RunCountList({ counts }: { counts: RunDto["counts"] }) {
  return (
    <dl className="flex flex-wrap gap-x-5 gap-y-1 text-sm" data-testid="run-counts">
      {COUNT_ORDER.filter((key) => counts[key] > 0 || key === "working").map((key) => (
        <div key={key} className="flex gap-1.5" data-testid={`run-count-${key}`}>
          <dt className="text-zinc-600 dark:text-zinc-400">{COUNT_LABELS[key]}</dt>
          <dd className="font-medium tabular-nums">{counts[key]}</dd>
        </div>
      ))}
    </dl>
  );
}
