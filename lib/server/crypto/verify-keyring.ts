import "server-only";
import type { Store } from "@/lib/server/store/types";
import { secretContext } from "./contexts";
import { envelopeKid } from "./envelope";
import { KeyringError, type Keyring } from "./keyring";

// Start-up check: every stored secret names a key we hold, and one secret per key really opens.

export interface KeyringCheck {
  secrets: number;
  byKid: Record<string, number>;
}

const BATCH = 500;
const ADVICE = "restore the right SECRETS_KEY, or put the old key in SECRETS_PREVIOUS_KEYS and run `npm run rotate-key`";

export async function verifyKeyring(store: Pick<Store, "secrets">, keyring: Keyring): Promise<KeyringCheck> {
  const byKid: Record<string, number> = {};
  const opened = new Set<string>();
  let afterId: string | null = null;
  for (;;) {
    const batch = await store.secrets.listEnvelopes(afterId, BATCH);
    for (const row of batch) {
      const kid = envelopeKid(row.secretEnvelope) ?? "(not a v1 envelope)";
      byKid[kid] = (byKid[kid] ?? 0) + 1;
      if (!keyring.has(kid) || opened.has(kid)) continue;
      try {
        keyring.open(row.secretEnvelope, secretContext(row.id, row.issuer, row.clientId));
        opened.add(kid);
      } catch {
        throw new KeyringError(
          `SECRETS_KEY cannot decrypt the stored secrets (credential ${row.id} does not open with key id ${kid}) — ${ADVICE}`,
        );
      }
    }
    if (batch.length < BATCH) break;
    afterId = batch[batch.length - 1]?.id ?? null;
  }
  const missing = Object.keys(byKid).filter((kid) => !keyring.has(kid));
  if (missing.length > 0) {
    const list = missing.map((kid) => `key id ${kid} not in the keyring: ${byKid[kid]} secret(s)`).join("; ");
    throw new KeyringError(`SECRETS_KEY cannot decrypt the stored secrets (${list}) — ${ADVICE}`);
  }
  return { secrets: Object.values(byKid).reduce((sum, count) => sum + count, 0), byKid };
}
