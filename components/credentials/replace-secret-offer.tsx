"use client";

import Link from "next/link";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ApiError, type ConflictTarget } from "@/lib/api-error";
import { useCredentialMutations } from "@/lib/client/use-credential-mutations";

interface ReplaceSecretOfferProps {
  conflict: ConflictTarget;
  /** The secret the operator pasted for that client ID. */
  clientSecret: string;
  onReplaced: () => void;
}

/**
 * A pasted client ID that is already registered is most often a regenerated secret: offer to put it into that
 * credential (confirmed first; the API audits it as credential.secret.replace) instead of a dead end.
 */
export function ReplaceSecretOffer({ conflict, clientSecret, onReplaced }: ReplaceSecretOfferProps) {
  const { replaceSecret } = useCredentialMutations();
  const [step, setStep] = useState<"offer" | "confirm" | "saving" | "done">("offer");
  const [error, setError] = useState<string | null>(null);
  const link = (
    <Link href={`/credentials/${conflict.credentialId}`} className="font-medium underline">
      {conflict.label}
    </Link>
  );

  async function replace() {
    setStep("saving");
    setError(null);
    try {
      await replaceSecret(conflict.credentialId, { clientSecret, version: conflict.version });
      setStep("done");
      onReplaced();
    } catch (caught) {
      setError(
        caught instanceof ApiError
          ? `${caught.message}${caught.hint ? ` ${caught.hint}` : ""}`
          : "The secret could not be replaced. Try again.",
      );
      setStep("offer");
    }
  }

  if (step === "done") {
    return (
      <Alert tone="success" title={`The secret of ${conflict.label} was replaced.`} action={link}>
        Its next token test and org lookup use the pasted secret.
      </Alert>
    );
  }
  return (
    <div className="space-y-3 rounded-lg border border-zinc-200 p-4 text-sm dark:border-zinc-800" data-testid="replace-secret-offer">
      <p>This client ID is already registered as {link}. If you regenerated its secret in ZITADEL, put the pasted one there.</p>
      {error ? <Alert tone="danger" title={error} /> : null}
      {step === "offer" ? (
        <Button variant="primary" onClick={() => setStep("confirm")}>
          Replace the secret of {conflict.label}
        </Button>
      ) : (
        <div className="flex flex-wrap items-center gap-2">
          <span>The old secret stops being used by M2M Console. Replace it?</span>
          <Button variant="primary" isLoading={step === "saving"} onClick={() => void replace()}>
            Confirm: replace the secret
          </Button>
          <Button onClick={() => setStep("offer")} disabled={step === "saving"}>
            Cancel
          </Button>
        </div>
      )}
    </div>
  );
}
