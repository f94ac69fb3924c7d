import "server-only";
import { withSignal } from "./abort";

// Concurrent callers for one key share one run (one upstream call). Each caller can walk away with its own
// signal; the run itself is cancelled only when every caller waiting for it has gone, so no upstream call is orphaned.

export type SharedFlight<V> = (key: string, run: (signal: AbortSignal) => Promise<V>, signal?: AbortSignal) => Promise<V>;

interface Entry<V> {
  promise: Promise<V>;
  controller: AbortController;
  waiting: number;
}

export function createSharedFlight<V>(): SharedFlight<V> {
  const inflight = new Map<string, Entry<V>>();
  return (key, run, signal) => {
    let entry = inflight.get(key);
    if (!entry) {
      const controller = new AbortController();
      const promise: Promise<V> = run(controller.signal).finally(() => {
        if (inflight.get(key)?.promise === promise) inflight.delete(key);
      });
      entry = { promise, controller, waiting: 0 };
      inflight.set(key, entry);
    }
    const current = entry;
    current.waiting += 1;
    let hasLeft = false;
    const leave = () => {
      if (hasLeft) return;
      hasLeft = true;
      current.waiting -= 1;
    };
    const onAbort = () => {
      leave();
      if (current.waiting > 0) return;
      current.controller.abort();
      if (inflight.get(key) === current) inflight.delete(key);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    return withSignal(current.promise, signal).finally(() => {
      signal?.removeEventListener("abort", onAbort);
      leave();
    });
  };
}
