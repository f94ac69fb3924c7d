"use client";

import { useEffect, useRef } from "react";
import { ApiError } from "@/lib/api-error";
import { useCredential } from "@/lib/client/use-credential";
import { useMe } from "@/lib/client/use-me";
import { useOrgLookup } from "@/lib/client/use-org-lookup";
import { useTokenTest } from "@/lib/client/use-token-test";
import { ExchangePanel } from "./exchange-panel";
import { LastKnownOrgPanel } from "./last-known-org-panel";
import { OrgPanel } from "./org-panel";
import { TestHistory } from "./test-history";
import { TokenPanel } from "./token-panel";

// Token test, live org lookup, the exchange behind them and this credential's test history. Testing and looking up
// are an operator's: a viewer reads the history, and the page starts no lookup for them.
export function CredentialDiagnostics({ credentialId }: { credentialId: string }) {
  const { deniedReason } = useMe();
  const operatorOnly = deniedReason("operator");
  const test = useTokenTest(credentialId);
  const org = useOrgLookup(credentialId, { enabled: !operatorOnly });
  useFreshAfterEdit(credentialId, test.reset, org.refresh);

  // The credential itself is gone: the detail above already says so.
  if (org.error instanceof ApiError && org.error.status === 404) return null;

  return (
    <section aria-labelledby="diagnostics-heading" className="space-y-6">
      <div>
        <h2 id="diagnostics-heading" className="text-lg font-semibold tracking-tight">
          Diagnostics
        </h2>
        <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">Does this credential work, which token does it get, and which organization does it belong to?</p>
      </div>
      <div className="grid items-start gap-6 lg:grid-cols-2">
        {/* A new token replaces the cached one: look the org up again so both panels describe the same token. */}
        <TokenPanel credentialId={credentialId} test={test} onNewToken={() => void org.refresh()} operatorOnly={operatorOnly} adminOnly={deniedReason("admin")} />
        {operatorOnly ? <LastKnownOrgPanel credentialId={credentialId} operatorOnly={operatorOnly} /> : <OrgPanel lookup={org} />}
      </div>
      <ExchangePanel transcript={test.result?.transcript} tokenCurl={test.result?.curl} orgCurl={org.data?.curl} />
      <TestHistory credentialId={credentialId} />
    </section>
  );
}

/** After an edit or a new secret, the last result describes the old credential: clear it and look the org up again. */
function useFreshAfterEdit(credentialId: string, resetToken: () => void, refreshOrg: () => unknown) {
  const { credential } = useCredential(credentialId);
  const seenVersion = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (credential === undefined) return;
    const previous = seenVersion.current;
    seenVersion.current = credential.version;
    if (previous === undefined || previous === credential.version) return;
    resetToken();
    void refreshOrg();
  }, [credential, resetToken, refreshOrg]);
}
