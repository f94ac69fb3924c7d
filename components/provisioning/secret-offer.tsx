"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { ApiError } from "@/lib/api-error";

// The new secret, once, for a system outside the console. The console keeps its own copy; this one lives in this
// component's state only, and is gone when hidden or when the page is left.

interface SecretOfferProps {
  /** The job still holds the secret for its starter. */
  isOffered: boolean;
  clientId: string;
  takeSecret: () => Promise<{ clientId: string; clientSecret: string }>;
}

export function SecretOffer({ isOffered, clientId, takeSecret }: SecretOfferProps) {
  const [shown, setShown] = useState<{ clientId: string; clientSecret: string } | null>(null);
  const [state, setState] = useState<"offer" | "taking" | "gone" | "hidden">("offer");
  const [failure, setFailure] = useState<string | null>(null);

  async function take() {
    setState("taking");
    setFailure(null);
    try {
      setShown(await takeSecret());
      setState("offer");
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 410) setState("gone");
      else {
        setFailure(caught instanceof ApiError ? caught.message : "The secret could not be fetched. Try again.");
        setState("offer");
      }
    }
  }

  if (state === "hidden" || (!isOffered && !shown && state !== "gone")) return null;
  return (
    <section aria-labelledby="secret-offer-heading" className="space-y-3" data-testid="secret-offer">
      <h2 id="secret-offer-heading" className="text-lg font-semibold tracking-tight">
        The secret, for use elsewhere
      </h2>
      {state === "gone" ? (
        <Alert tone="info" title="The secret is no longer on offer.">
          It is shown once, only to whoever started the job, within 10 minutes. The console still holds it for its own tests.
        </Alert>
      ) : shown ? (
        <Alert tone="warning" title="Copy it now: you will not see it again.">
          <div className="mt-2 space-y-2">
            <p>
              Client ID <span className="font-mono">{shown.clientId}</span>
            </p>
            <div className="flex flex-wrap items-center gap-2">
              <code className="rounded bg-white/70 px-2 py-1 font-mono text-xs break-all dark:bg-black/30" data-testid="offered-secret">
                {shown.clientSecret}
              </code>
              <CopyButton value={shown.clientSecret} label="Copy the secret" />
            </div>
            <Button
              size="sm"
              onClick={() => {
                setShown(null);
                setState("hidden");
              }}
            >
              Hide it for good
            </Button>
          </div>
        </Alert>
      ) : (
        <div className="space-y-3 rounded-lg border border-zinc-200 p-4 text-sm dark:border-zinc-800">
          <p>
            M2M Console already stores the secret of <span className="font-mono">{clientId}</span> and uses it itself; you need it only if
            another system signs in as this user. It is shown once: after that, or after 10 minutes, no one can see it again.
          </p>
          {failure ? <Alert tone="danger" title={failure} /> : null}
          <Button isLoading={state === "taking"} onClick={() => void take()}>
            Show the secret once, for use elsewhere
          </Button>
        </div>
      )}
    </section>
  );
}
