import "server-only";
import type { RunItemEvent, RunProgressEvent } from "@/lib/schemas/runs";
import { getStore } from "@/lib/server/store";
import { toRunDto, toRunItemDto } from "./run-dto";

// The progress stream of one run, as Server-Sent Events. It reads the run from the store every POLL_MS, not from this
// instance's memory, so it follows items tested by any instance. Events: `progress` (counts, done, total, ETA),
// `item` (one per item as it lands), `end` (the run's final state), then the stream closes. The viewer's session is
// checked again every SESSION_CHECK_MS: a session ended meanwhile (sign-out, disabled, capped) closes the stream, and
// the browser's reconnect then meets the 401 any other request would.

const POLL_MS = 300;
const ITEMS_PER_POLL = 500;
const KEEPALIVE_MS = 15_000;
const SESSION_CHECK_MS = 2_000;

/** Whether the viewer may still follow the run: asked again every SESSION_CHECK_MS while the stream is open. */
export type StillAllowed = () => Promise<boolean>;

export function runEventStream(runId: string, signal: AbortSignal, isStillAllowed: StillAllowed): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (event: string, data: unknown) =>
        controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
      const runs = (await getStore()).checkRuns;
      const seen = new Set<string>();
      let since: string | null = null;
      let lastProgress = "";
      let lastWrite = Date.now();
      let lastSessionCheck = Date.now();
      try {
        while (!signal.aborted) {
          if (Date.now() - lastSessionCheck >= SESSION_CHECK_MS) {
            if (!(await isStillAllowed())) break;
            lastSessionCheck = Date.now();
          }
          const row = await runs.getRun(runId);
          if (!row) {
            send("end", { state: "gone" });
            break;
          }
          // Items are read after the run row: an ended run's last items are all sent before its `end`.
          for (const item of await runs.listItemsFinishedSince(runId, since, ITEMS_PER_POLL)) {
            since = item.finishedAt;
            if (seen.has(item.credentialId)) continue;
            seen.add(item.credentialId);
            const { credentialId, label, status, org, code, state } = toRunItemDto(item);
            send("item", { credentialId, label, status, org, code, state } satisfies RunItemEvent);
            lastWrite = Date.now();
          }
          const { counts, done, total, etaSeconds, state } = toRunDto(row);
          const progress = JSON.stringify({ counts, done, total, etaSeconds, state } satisfies RunProgressEvent);
          if (progress !== lastProgress) {
            controller.enqueue(encoder.encode(`event: progress\ndata: ${progress}\n\n`));
            lastProgress = progress;
            lastWrite = Date.now();
          }
          if (state !== "running" && counts.running === 0) {
            send("end", { state });
            break;
          }
          if (Date.now() - lastWrite > KEEPALIVE_MS) {
            controller.enqueue(encoder.encode(": keep-alive\n\n"));
            lastWrite = Date.now();
          }
          await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        }
      } catch (error) {
        if (!signal.aborted) controller.error(error);
        return;
      }
      controller.close();
    },
  });
}
