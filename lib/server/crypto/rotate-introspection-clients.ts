import "server-only";
import type { IntrospectionClientStore } from "@/lib/server/store/types";
import { introspectionClientContext } from "./contexts";
import { DecryptError, envelopeKid } from "./envelope";
import type { Keyring } from "./keyring";

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
    if (envelopeKid(row.secretEnvelope) === keyring.encryptKid) {
      result.alreadyCurrent += 1;
      continue;
    }
    const context = introspectionClientContext(row.id, row.issuer, row.clientId);
    let next: string;
    try {
      next = keyring.seal(keyring.open(row.secretEnvelope, context), context);
    } catch (error) {
      if (!(error instanceof DecryptError)) throw error;
      result.failed += 1;
      result.failures.push({ introspectionClientId: row.id, reason: error.message });
      continue;
    }
    if (await store.rewrap(row.id, row.secretEnvelope, next)) result.rewrapped += 1;
    else result.changedMeanwhile += 1;
  }
  return result;
}
