"use client";

import { useEffect, useState } from "react";
import type { RunItemEvent, RunProgressEvent } from "@/lib/schemas/runs";

// Follows a run over Server-Sent Events (GET /api/runs/:id/events). EventSource reconnects by itself after a network
// blip; the stream starts again from the run's current state, so nothing is lost but a repeat of recent items. The
// events are typed, not parsed, like every answer of the API (lib/client/fetcher).

export interface RunEvents {
  progress: RunProgressEvent | null;
  /** Items as they landed, newest first. */
  items: RunItemEvent[];
  /** The run's final state once the stream said `end`. */
  endedAs: string | null;
}

const KEEP_ITEMS = 50;
const EMPTY: RunEvents = { progress: null, items: [], endedAs: null };

export function useRunEvents(runId: string | null): RunEvents {
  // Kept with the run they belong to, so switching runs never shows the previous run's events.
  const [events, setEvents] = useState<RunEvents & { runId: string | null }>({ ...EMPTY, runId: null });

  useEffect(() => {
    if (!runId) return;
    const update = (change: (current: RunEvents) => RunEvents) =>
      setEvents((current) => ({ ...change(current.runId === runId ? current : EMPTY), runId }));
    const source = new EventSource(`/api/runs/${encodeURIComponent(runId)}/events`);
    source.addEventListener("progress", (event) => {
      const progress = JSON.parse((event as MessageEvent<string>).data) as RunProgressEvent;
      update((current) => ({ ...current, progress }));
    });
    source.addEventListener("item", (event) => {
      const item = JSON.parse((event as MessageEvent<string>).data) as RunItemEvent;
      update((current) => ({
        ...current,
        items: [item, ...current.items.filter((other) => other.credentialId !== item.credentialId)].slice(0, KEEP_ITEMS),
      }));
    });
    source.addEventListener("end", (event) => {
      const { state } = JSON.parse((event as MessageEvent<string>).data) as { state: string };
      update((current) => ({ ...current, endedAs: state }));
      source.close();
    });
    return () => source.close();
  }, [runId]);

  return events.runId === runId ? events : EMPTY;
}
