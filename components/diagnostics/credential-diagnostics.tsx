"use client";

// Token test, org lookup and test history for one credential (issue 4). Placeholder until that lands.
export function CredentialDiagnostics({ credentialId }: { credentialId: string }) {
  return <section aria-label="Diagnostics" data-credential-id={credentialId} />;
}
