// One retry rhythm for the whole console (upstream calls, secret waits, webhook tries, background jobs, the browser's
// re-asks): each pause `factor` times the last, never above `capMs`; with jitter, somewhere in its upper half, so
// callers that failed together do not retry together.

export interface Backoff {
  /** The pause after the first failed try. */
  baseMs: number;
  /** Each later pause is this many times the previous one (2 unless said). */
  factor?: number;
  capMs?: number;
  jitter?: boolean;
}

/** The pause after the given (1-based) failed try. */
export function backoffMs(failedAttempt: number, policy: Backoff): number {
  const grown = policy.baseMs * (policy.factor ?? 2) ** Math.max(0, failedAttempt - 1);
  const ceiling = Math.min(policy.capMs ?? Number.POSITIVE_INFINITY, grown);
  return policy.jitter ? Math.round(ceiling / 2 + Math.random() * (ceiling / 2)) : ceiling;
}

/** Resolves true after `ms`, or false at once when the signal aborts (the caller stops retrying). */
export function pause(ms: number, signal?: AbortSignal, options: { unref?: boolean } = {}): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    // unref: a background wait that must not keep a stopping process alive.
    if (options.unref && typeof timer === "object" && "unref" in timer) timer.unref();
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
