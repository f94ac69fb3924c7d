import "server-only";
import { getKeyring } from "./keyring";

// The app's entry points: seal before a secret reaches the store, open only where it is used.

export { DecryptError, envelopeKid } from "./envelope";
export { getKeyring, Keyring, KeyringError, loadKeyring } from "./keyring";
export { idTokenContext, secretContext, tokenContext } from "./contexts";

export function seal(plaintext: string, context: readonly string[]): string {
  return getKeyring().seal(plaintext, context);
}

export function open(envelope: string, context: readonly string[]): string {
  return getKeyring().open(envelope, context);
}

/** Moves an envelope to a new context (e.g. issuer or client ID changed) without the caller holding the plaintext. */
export function reseal(envelope: string, from: readonly string[], to: readonly string[]): string {
  const keyring = getKeyring();
  return keyring.seal(keyring.open(envelope, from), to);
}
