import "server-only";
import { brandedError } from "@/lib/branded-error";
import { OutboundError } from "@/lib/server/http";

// The one concurrency cap of the app, keyed: at most `concurrency` calls per key (an issuer) at a time in this
// process. A call over the cap waits in a short, bounded queue instead of being refused at once: tests are
// interactive and bursts are brief (a page opening several lookups, a retry after a click), so a second's wait serves
// the operator better than an error. The bound (queue length and wait) keeps a slow or hanging tenant from piling up
// requests here: past it, the call is refused. Without a bound (test-all's lanes) callers wait their turn.

export interface IssuerSlotOptions {
  concurrency: number;
  /** Callers that may wait per key; the next one is refused at once. Unbounded when left out. */
  maxQueue?: number;
  /** How long a caller waits for a slot before it is refused. No limit when left out. */
  maxWaitMs?: number;
  /** Which cap refuses: one issuer's, or the instance's over all upstream calls. */
  scope?: SlotScope;
}

export type SlotScope = "issuer" | "upstream";

export type IssuerSlots = <T>(issuer: string, work: () => Promise<T>, signal?: AbortSignal) => Promise<T>;

// Branded, so `instanceof` holds across route bundles: the slots are one per process, created by whichever bundle came first.
/** Thrown when no slot came free in time; the caller answers 429. */
export class IssuerBusyError extends brandedError("IssuerBusyError") {
  constructor(
    readonly reason: "queue_full" | "wait_expired",
    readonly scope: SlotScope = "issuer",
  ) {
    const of = scope === "issuer" ? "this issuer" : "ZITADEL";
    super(reason === "queue_full" ? `too many calls to ${of} are waiting` : `no call slot for ${of} came free in time`);
  }
}

interface Waiter {
  grant: () => void;
}

interface IssuerState {
  active: number;
  queue: Waiter[];
}

export function createIssuerSlots(options: IssuerSlotOptions): IssuerSlots {
  const issuers = new Map<string, IssuerState>();
  const { maxQueue = Infinity, maxWaitMs, scope = "issuer" } = options;

  function acquire(issuer: string, signal?: AbortSignal): Promise<void> {
    const state = issuers.get(issuer) ?? { active: 0, queue: [] };
    issuers.set(issuer, state);
    if (state.active < options.concurrency) {
      state.active += 1;
      return Promise.resolve();
    }
    if (state.queue.length >= maxQueue) return Promise.reject(new IssuerBusyError("queue_full", scope));
    return new Promise<void>((resolve, reject) => {
      const leave = (error: Error) => {
        const index = state.queue.indexOf(waiter);
        if (index >= 0) state.queue.splice(index, 1);
        settle();
        reject(error);
      };
      const onAbort = () => leave(cancelled());
      const timer = maxWaitMs === undefined ? undefined : setTimeout(() => leave(new IssuerBusyError("wait_expired", scope)), maxWaitMs);
      const settle = () => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
      };
      // The releasing caller hands its slot over: `active` stays the same.
      const waiter: Waiter = {
        grant: () => {
          settle();
          resolve();
        },
      };
      state.queue.push(waiter);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  function release(issuer: string): void {
    const state = issuers.get(issuer);
    if (!state) return;
    const next = state.queue.shift();
    if (next) return next.grant();
    state.active -= 1;
    if (state.active === 0) issuers.delete(issuer);
  }

  return async (issuer, work, signal) => {
    if (signal?.aborted) throw cancelled();
    await acquire(issuer, signal);
    try {
      return await work();
    } finally {
      release(issuer);
    }
  };
}

// The same failure as any outbound call whose caller went away, so callers treat both alike.
function cancelled(): OutboundError {
  return new OutboundError("aborted", "The request was cancelled.");
}
