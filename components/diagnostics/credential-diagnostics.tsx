"use client";

import { useEffect, useRef } from "react";
import { ApiError } from "@/lib/api-error";
import { useCredential } from "@/lib/client/use-credential";
import { useHeldToken } from "@/lib/client/use-held-token";
import { useMe } from "@/lib/client/use-me";
import { useOrgLookup } from "@/lib/client/use-org-lookup";
import { useLastCredentialAction } from "@/lib/client/use-provisioning-actions";
import { useTestHistory } from "@/lib/client/use-test-history";
import { useTokenTest } from "@/lib/client/use-token-test";
import { buildReportJson, buildReportMarkdown } from "@/lib/reports/check-report";
import type { CredentialDto } from "@/lib/schemas/credential";
import type { TestHistoryItem } from "@/lib/schemas/diagnostics";
import { ExchangePanel } from "./exchange-panel";
import { LastKnownOrgPanel } from "./last-known-org-panel";
import { OrgPanel, type LastKnownOrg } from "./org-panel";
import { ShareReportMenu } from "./share-report-menu";
import { TestHistory } from "./test-history";
import { TokenPanel } from "./token-panel";
import { TryACall } from "./try-a-call";

const LINK_NOTE = "A link shows this credential's latest recorded check (as its history has it), frozen when the link is made.";

// Token test, live org lookup, the exchange behind them and this credential's test history. Testing and looking up
// are an operator's: a viewer reads the history, and the page starts no lookup for them.
export function CredentialDiagnostics({ credentialId }: { credentialId: string }) {
  // Every request of the page starts at once, none waits for the credential: the org lookup, the held token and the
  // history (whose last lookup is shown until the live one answers).
  const test = useTokenTest(credentialId);
  const { deniedReason, me } = useMe();
  const name = me?.name;
  const operatorOnly = deniedReason("operator");
  const org = useOrgLookup(credentialId, { enabled: !operatorOnly });
  const held = useHeldToken(credentialId);
  const { items } = useTestHistory(credentialId);
  const { credential } = useCredential(credentialId);
  useFreshAfterEdit(credential, test.reset, org.refresh);
  useFreshAfterAction(credentialId, test.reset);

  // The credential itself is gone: the detail above already says so.
  if (org.error instanceof ApiError && org.error.status === 404) return null;

  // A failed token test and a lookup that failed for the same reason tell one story: it is told once, in the token
  // panel. A lookup that failed on its own comes first on a phone, where the panels stack.
  const tokenCode = test.result?.outcome === "failed" ? test.result.diagnosis?.code : undefined;
  const orgCode = org.data?.outcome === "failed" ? org.data.diagnosis?.code : undefined;
  const sameCause = tokenCode !== undefined && tokenCode === orgCode ? test.result?.diagnosis : undefined;
  const isOrgFirst = orgCode !== undefined && tokenCode === undefined;

  return (
    <section aria-labelledby="diagnostics-heading" className="space-y-6">
      <div>
        <h2 id="diagnostics-heading" className="text-lg font-semibold tracking-tight">
          Diagnostics
        </h2>
        <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">
          Does this credential work, which token does it get, and which organization does it belong to?
        </p>
      </div>
      <div className="grid items-start gap-6 lg:grid-cols-2">
        {/* A new token replaces the cached one: look the org up again so both panels describe the same token. */}
        <TokenPanel
          credentialId={credentialId}
          kind={credential?.kind ?? "client_secret"}
          test={test}
          heldToken={held.heldToken}
          onNewToken={() => void org.refresh()}
          operatorOnly={operatorOnly}
          adminOnly={deniedReason("admin")}
        />
        {operatorOnly ? (
          <LastKnownOrgPanel credentialId={credentialId} operatorOnly={operatorOnly} />
        ) : (
          <div className={isOrgFirst ? "max-lg:order-first" : undefined}>
            <OrgPanel credentialId={credentialId} lookup={org} lastKnown={lastKnownOrg(items, credential)} sameCauseAs={sameCause} />
          </div>
        )}
      </div>
      <ExchangePanel
        transcript={test.result?.transcript}
        assertion={test.result?.transcript?.request.assertion}
        isPat={test.result?.source === "pat"}
        tokenCurl={test.result?.curl}
        orgCurl={org.data?.curl}
      />
      {operatorOnly ? null : <TryACall credentialId={credentialId} />}
      {credential && (test.result || org.data) ? (
        <ShareReportMenu
          what="The token test and organization lookup above"
          fileBase={credential.label}
          report={() => {
            const input = {
              credential,
              tokenTest: test.result ?? null,
              orgLookup: org.data ?? null,
              by: name ?? "an operator",
              now: new Date(),
            };
            return { markdown: buildReportMarkdown(input), json: buildReportJson(input) };
          }}
          link={operatorOnly ? null : { sourceType: "check", sourceId: credential.id, note: LINK_NOTE }}
        />
      ) : null}
      <TestHistory credentialId={credentialId} />
    </section>
  );
}

/** The newest successful lookup since the credential last changed: an older one may name an org it no longer has. */
function lastKnownOrg(items: TestHistoryItem[] | undefined, credential: CredentialDto | undefined): LastKnownOrg | null {
  if (!items || !credential) return null;
  const changedAt = Date.parse(credential.updatedAt);
  const hit = items.find(
    (item) => item.kind === "org" && item.outcome === "ok" && item.orgName !== null && Date.parse(item.at) >= changedAt,
  );
  return hit?.orgName ? { name: hit.orgName, id: hit.orgId, at: hit.at } : null;
}

/** After an edit or a new secret, the last result describes the old credential: clear it and look the org up again. */
function useFreshAfterEdit(credential: CredentialDto | undefined, resetToken: () => void, refreshOrg: () => unknown) {
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

/**
 * A fix made in ZITADEL (a role, a reactivation) changes no field of the credential, so the edit check above misses
 * it: the token test shown describes the user before the fix. The action already looked the org up again.
 */
function useFreshAfterAction(credentialId: string, resetToken: () => void) {
  const { result } = useLastCredentialAction(credentialId);
  useEffect(() => {
    if (result) resetToken();
  }, [result, resetToken]);
}
