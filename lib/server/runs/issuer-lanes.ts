import "server-only";

// At most `perIssuer` items of one issuer at a time, across every batch the queue hands over: a batch that is
// finishing its last items does not hold the issuer's other lanes idle while the next batch waits behind it.

export type IssuerLanes = <T>(issuer: string, work: () => Promise<T>) => Promise<T>;

export function createIssuerLanes(perIssuer: number): IssuerLanes {
  const lanes = new Map<string, { active: number; waiting: (() => void)[] }>();
  return async (issuer, work) => {
    let lane = lanes.get(issuer);
    if (!lane) {
      lane = { active: 0, waiting: [] };
      lanes.set(issuer, lane);
    }
    const held = lane;
    if (held.active < perIssuer) held.active += 1;
    else await new Promise<void>((resolve) => held.waiting.push(resolve)); // the leaving item hands over its lane
    try {
      return await work();
    } finally {
      const next = held.waiting.shift();
      if (next) next();
      else {
        held.active -= 1;
        if (held.active === 0) lanes.delete(issuer);
      }
    }
  };
}
