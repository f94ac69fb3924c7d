/**
 * Test hook counters: lets the app's tests prove a cached token saved a round trip. `management` counts the
 * provisioning calls (Management API other than orgs/me, and the v2 org search) by caller.
 */
export interface Counter {
  total: number;
  byClient: Record<string, number>;
}

export interface StatsSnapshot {
  token: Counter;
  orgsMe: Counter;
  management: Counter;
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
  return { token: { total: 0, byClient: {} }, orgsMe: { total: 0, byClient: {} }, management: { total: 0, byClient: {} } };
}
