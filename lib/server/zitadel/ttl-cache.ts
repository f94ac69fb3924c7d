import "server-only";
import { createSharedFlight } from "@/lib/server/http";

// In-process cache: concurrent callers for one key share one load; only successes are kept, for a bounded time.

export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number; storedAt: number }>();
  private readonly flight = createSharedFlight<V>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 500,
  ) {}

  /** `ttlMsOf` shortens an entry's life below the cache's own (a token that expires sooner). */
  async get(key: string, load: () => Promise<V>, ttlMsOf?: (value: V) => number): Promise<V> {
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > Date.now()) return hit.value;
    return this.flight(key, async () => {
      const value = await load();
      this.entries.delete(key);
      const ttlMs = Math.min(this.ttlMs, ttlMsOf?.(value) ?? this.ttlMs);
      this.entries.set(key, { value, expiresAt: Date.now() + ttlMs, storedAt: Date.now() });
      while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
      return value;
    });
  }

  /** Milliseconds since the entry was stored, or null when there is none. */
  age(key: string): number | null {
    const hit = this.entries.get(key);
    return hit ? Date.now() - hit.storedAt : null;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
