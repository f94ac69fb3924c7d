import "server-only";

// What each kind of envelope is bound to: moving it to another row or purpose makes it undecryptable.

export function secretContext(credentialId: string, issuer: string, clientId: string): string[] {
  return ["client-secret", credentialId, issuer, clientId];
}

export function tokenContext(credentialId: string, scopeKey: string): string[] {
  return ["access-token", credentialId, scopeKey];
}

export function idTokenContext(sessionIdHash: string): string[] {
  return ["id-token", sessionIdHash];
}

export function introspectionClientContext(introspectionClientId: string, issuer: string, clientId: string): string[] {
  return ["introspection-client", introspectionClientId, issuer, clientId];
}

/** The operator's own ZITADEL access token, bound to the session that took it at sign-in. */
export function zitadelTokenContext(sessionIdHash: string): string[] {
  return ["zitadel-token", sessionIdHash];
}

/** A provisioning job's one-time secret offer, bound to the job and the user it was generated for. */
export function secretOfferContext(jobId: string, userId: string): string[] {
  return ["secret-offer", jobId, userId];
}
