"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ApiError } from "@/lib/api-error";
import { useAuthorities } from "@/lib/client/use-provisioning";
import type { JobStep, ProvisioningJob, ResumeJobInput } from "@/lib/schemas/provisioning";
import { authorityKey, useAuthorityChoice } from "./authority-choice";
import { AuthorityField } from "./authority-field";
import { STEP_LABELS } from "./step-labels";

// A failed job goes on from its failed step, with the same or other ZITADEL permissions; a refused role grant can
// also be left out, so the user and its credential stay usable without it.

interface ResumePanelProps {
  job: ProvisioningJob;
  failedStep: JobStep["name"];
  onResume: (input: ResumeJobInput) => Promise<ProvisioningJob>;
}

export function ResumePanel({ job, failedStep, onResume }: ResumePanelProps) {
  const { authorities, error, retry } = useAuthorities(job.issuer);
  const choice = useAuthorityChoice(authorities, authorityKey(job.authority));
  const [busy, setBusy] = useState<"retry" | "skip" | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  async function resume(skipRole: boolean) {
    if (!choice.ref) return;
    setBusy(skipRole ? "skip" : "retry");
    setFailure(null);
    try {
      await onResume({ authority: choice.ref, skipRole });
    } catch (caught) {
      setFailure(
        caught instanceof ApiError
          ? `${caught.message}${caught.hint ? ` ${caught.hint}` : ""}`
          : "The job could not be resumed. Try again.",
      );
    } finally {
      setBusy(null);
    }
  }

  return (
    <section
      aria-labelledby="resume-heading"
      className="space-y-4 rounded-lg border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
      data-testid="resume-panel"
    >
      <div>
        <h2 id="resume-heading" className="text-lg font-semibold tracking-tight">
          Resume
        </h2>
        <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">
          Go on from “{STEP_LABELS[failedStep]}”. The steps already done are not repeated
          {failedStep === "register" ? ", except the secret: the unstored one is gone, so a new one is generated" : ""}.
        </p>
      </div>
      <AuthorityField
        authorities={authorities}
        error={error}
        onRetry={() => void retry()}
        value={choice.key}
        onChange={choice.setKey}
        label="Resume with"
      />
      {failure ? <Alert tone="danger" title={failure} /> : null}
      <div className="flex flex-wrap gap-2">
        <Button variant="primary" isLoading={busy === "retry"} disabled={busy !== null || !choice.ref} onClick={() => void resume(false)}>
          Retry from this step
        </Button>
        {failedStep === "grant_role" ? (
          <Button isLoading={busy === "skip"} disabled={busy !== null || !choice.ref} onClick={() => void resume(true)}>
            Finish without the role
          </Button>
        ) : null}
      </div>
    </section>
  );
}
