// Key rotation's view of the credentials: their secret envelopes and nothing else.

export interface SecretEnvelopeRow {
  id: string;
  issuer: string;
  clientId: string;
  secretEnvelope: string;
}

export interface SecretStore {
  /** Credentials that hold a secret envelope, in id order after `afterId`. */
  listEnvelopes(afterId: string | null, limit: number): Promise<SecretEnvelopeRow[]>;
  /** Replaces an envelope only if it still equals `expected` (no version bump: the secret did not change). */
  rewrap(id: string, expected: string, next: string): Promise<boolean>;
}
