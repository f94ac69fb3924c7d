import "server-only";
import type { IntrospectionClientStore } from "@/lib/server/store/types";
import { introspectionClientContext } from "./contexts";
import type { Keyring } from "./keyring";
import { resealUnderCurrentKey } from "./reseal";

// Key rotation for the introspection clients' secrets and keys, like rotateSecrets for credentials: each envelope is
// re-wrapped under the current key, compare-and-set, so a run can be repeated. There is one client per issuer at most,
// so they are read in one go.

export interface IntrospectionClientRotation {
  scanned: number;
  rewrapped: number;
  alreadyCurrent: number;
  changedMeanwhile: number;
  failed: number;
  failures: { introspectionClientId: string; reason: string }[];
}

export async function rotateIntrospectionClients(
  store: Pick<IntrospectionClientStore, "list" | "rewrap">,
  keyring: Keyring,
): Promise<IntrospectionClientRotation> {
  const result: IntrospectionClientRotation = { scanned: 0, rewrapped: 0, alreadyCurrent: 0, changedMeanwhile: 0, failed: 0, failures: [] };
  for (const row of await store.list()) {
    result.scanned += 1;
    const step = resealUnderCurrentKey(keyring, row.secretEnvelope, introspectionClientContext(row.id, row.issuer, row.clientId));
    if (step.status === "current") result.alreadyCurrent += 1;
    else if (step.status === "failed") {
      result.failed += 1;
      result.failures.push({ introspectionClientId: row.id, reason: step.reason });
    } else if (await store.rewrap(row.id, row.secretEnvelope, step.next)) result.rewrapped += 1;
    else result.changedMeanwhile += 1;
  }
  return result;
}
