"use client";

import dynamic from "next/dynamic";
import { useEffect, useRef } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useLastCredentialAction } from "@/lib/client/use-provisioning-actions";
import { ACTION_LABELS } from "./action-labels";

// The answer of the last action on this credential, wherever it was started: the diagnosis card that started a fix
// is gone once the fix works, so the result is shown here, and focus comes here with it.

// The steps load with the first result: the credential page shows none until an action has run.
const StepList = dynamic(() => import("./step-list").then((loaded) => loaded.StepList));

export function ActionResult({ credentialId }: { credentialId: string }) {
  const { result, clear } = useLastCredentialAction(credentialId);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (result) ref.current?.focus();
  }, [result]);
  // The answer belongs to this visit: coming back to the credential later must not show it again as news.
  useEffect(() => clear, [clear]);

  if (!result) return null;
  const labels = ACTION_LABELS[result.action];
  const isFixed = result.outcome === "fixed";
  return (
    <div ref={ref} tabIndex={-1} className="space-y-3 outline-none" data-testid="action-result" data-outcome={result.outcome}>
      <Alert
        tone={isFixed ? "success" : "danger"}
        title={isFixed ? labels.fixed : labels.failed}
        action={
          <Button size="sm" variant="ghost" onClick={clear}>
            Dismiss
          </Button>
        }
      >
        {isFixed ? "What the console did, step by step:" : "Where it stopped, and why:"}
      </Alert>
      <StepList steps={result.steps} label={`Steps: ${labels.verb}`} testId="action-step" />
    </div>
  );
}
