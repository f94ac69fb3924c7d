"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { ApiError } from "@/lib/api-error";
import { useTokenReveal } from "@/lib/client/use-token-test";
import { BusyButton } from "./busy-button";
import { ExpiryCountdown } from "./countdown";

// The full access token on explicit request: shown for 30 s in this component only, audited on the server.

export function TokenReveal({ credentialId, adminOnly }: { credentialId: string; adminOnly: string | null }) {
  const { token, hidesAt, error, isRevealing, reveal, hide, hidesAfterMs } = useTokenReveal(credentialId);
  const apiError = error instanceof ApiError ? error : null;
  return (
    <div className="space-y-3 rounded-lg border border-dashed border-zinc-300 p-4 dark:border-zinc-700">
      <div className="flex flex-wrap items-center gap-3">
        <div className="min-w-0 flex-1 text-sm">
          <p className="font-medium">Full access token</p>
          <p className="text-zinc-500 dark:text-zinc-400">
            {adminOnly
              ? `${adminOnly} to reveal it.`
              : `Each reveal is recorded in the audit log. It hides again after ${hidesAfterMs / 1000} s.`}
          </p>
        </div>
        {token ? (
          <Button size="sm" onClick={hide}>
            Hide
          </Button>
        ) : (
          <BusyButton size="sm" onClick={() => void reveal()} isBusy={isRevealing} disabledReason={adminOnly}>
            Reveal token
          </BusyButton>
        )}
      </div>
      <div aria-live="polite">
        {token && hidesAt ? (
          <div className="space-y-2">
            <p className="sr-only">Token revealed. It hides in {hidesAfterMs / 1000} seconds.</p>
            <pre
              data-testid="revealed-token"
              className="max-h-48 overflow-auto rounded-md bg-zinc-950 p-3 font-mono text-xs break-all whitespace-pre-wrap text-emerald-200 select-all dark:bg-black"
            >
              {token.accessToken}
            </pre>
            <div className="flex flex-wrap items-center gap-3 text-xs text-zinc-500 dark:text-zinc-400">
              <CopyButton value={token.accessToken} label="Copy access token" />
              <span className="font-mono">{token.fingerprint}</span>
              <span>
                hides in <ExpiryCountdown expiresAt={hidesAt} />
              </span>
            </div>
          </div>
        ) : null}
        {apiError ? (
          <Alert tone="warning" title={apiError.message}>
            {apiError.hint}
          </Alert>
        ) : error ? (
          <Alert tone="danger" title="The token could not be revealed.">
            Check your connection and try again.
          </Alert>
        ) : null}
      </div>
    </div>
  );
}
