import "server-only";
import { getLogger } from "@/lib/server/logger";
import { DecryptError, envelopeKid } from "./envelope";
import { getKeyring } from "./keyring";

// The app's entry points: seal before a secret reaches the store, open only where it is used.

export { DecryptError } from "./envelope";
export { getKeyring } from "./keyring";
export {
  idTokenContext,
  introspectionClientContext,
  secretContext,
  secretOfferContext,
  tokenContext,
  zitadelTokenContext,
} from "./contexts";

export function seal(plaintext: string, context: readonly string[]): string {
  return getKeyring().seal(plaintext, context);
}

export function open(envelope: string, context: readonly string[]): string {
  try {
    return getKeyring().open(envelope, context);
  } catch (error) {
    if (error instanceof DecryptError) logDecryptFailure(envelope, context, error);
    throw error;
  }
}

// Callers turn a failure into an answer (a "secret unreadable" diagnosis, a fresh token); the server operator
// still has to hear that a stored secret does not open, because it points at a key problem. Never the envelope.
function logDecryptFailure(envelope: string, context: readonly string[], error: DecryptError): void {
  const [purpose, credentialId] = context;
  const fields = { credentialId, purpose, kid: envelopeKid(envelope), keyringKids: getKeyring().kids, reason: error.message };
  if (purpose === "client-secret")
    getLogger().error(fields, "a stored client secret cannot be decrypted: check SECRETS_KEY and SECRETS_PREVIOUS_KEYS");
  else if (purpose === "introspection-client")
    getLogger().error(
      fields,
      "a stored introspection client's secret or key cannot be decrypted: check SECRETS_KEY and SECRETS_PREVIOUS_KEYS",
    );
  else getLogger().warn(fields, "a cached token cannot be decrypted; it is fetched again");
}

/** Moves an envelope to a new context (e.g. issuer or client ID changed) without the caller holding the plaintext. */
export function reseal(envelope: string, from: readonly string[], to: readonly string[]): string {
  const keyring = getKeyring();
  return keyring.seal(keyring.open(envelope, from), to);
}
