import "server-only";
import { OutboundError } from "./outbound-error";

/** Lets one caller stop waiting for a shared promise (a cache load, a single-flight exchange) without cancelling it for others. */
export function withSignal<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  const cancelled = () => new OutboundError("aborted", "The request was cancelled.");
  if (signal.aborted) return Promise.reject(cancelled());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelled());
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
