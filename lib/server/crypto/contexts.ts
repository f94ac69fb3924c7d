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
