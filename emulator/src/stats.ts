/** Test hook counters: lets the app's tests prove a cached token saved a round trip. */
export interface Counter {
  total: number;
  byClient: Record<string, number>;
}

export interface StatsSnapshot {
  token: Counter;
  orgsMe: Counter;
}

export class Stats {
  private current: StatsSnapshot = emptySnapshot();

  count(endpoint: keyof StatsSnapshot, client: string | undefined): void {
    const counter = this.current[endpoint];
    counter.total += 1;
    if (client) counter.byClient[client] = (counter.byClient[client] ?? 0) + 1;
  }

  snapshot(): StatsSnapshot {
    return structuredClone(this.current);
  }

  reset(): void {
    this.current = emptySnapshot();
  }
}

function emptySnapshot(): StatsSnapshot {
  return { token: { total: 0, byClient: {} }, orgsMe: { total: 0, byClient: {} } };
}
