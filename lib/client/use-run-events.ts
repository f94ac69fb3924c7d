"use client";

import { useEffect, useState } from "react";
import { runItemEventSchema, runProgressEventSchema, type RunItemEvent, type RunProgressEvent } from "@/lib/schemas/runs";

// Follows a run over Server-Sent Events (GET /api/runs/:id/events). EventSource reconnects by itself after a network
// blip; the stream starts again from the run's current state, so nothing is lost but a repeat of recent items.

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
      const parsed = runProgressEventSchema.safeParse(JSON.parse((event as MessageEvent<string>).data));
      if (parsed.success) update((current) => ({ ...current, progress: parsed.data }));
    });
    source.addEventListener("item", (event) => {
      const parsed = runItemEventSchema.safeParse(JSON.parse((event as MessageEvent<string>).data));
      if (!parsed.success) return;
      update((current) => ({
        ...current,
        items: [parsed.data, ...current.items.filter((item) => item.credentialId !== parsed.data.credentialId)].slice(0, KEEP_ITEMS),
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
