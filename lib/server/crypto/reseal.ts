import "server-only";
import { DecryptError, envelopeKid } from "./envelope";
import type { Keyring } from "./keyring";

// One envelope's step of a key rotation, whatever table it lives in: already under the current key, re-sealed under
// it, or unreadable with every key the ring holds (the reason, never the plaintext).

export type Reseal = { status: "current" } | { status: "resealed"; next: string } | { status: "failed"; reason: string };

export function resealUnderCurrentKey(keyring: Keyring, envelope: string, context: readonly string[]): Reseal {
  if (envelopeKid(envelope) === keyring.encryptKid) return { status: "current" };
  try {
    return { status: "resealed", next: keyring.seal(keyring.open(envelope, context), context) };
  } catch (error) {
    if (!(error instanceof DecryptError)) throw error;
    return { status: "failed", reason: error.message };
  }
}
