"use client";

import Link from "next/link";
import { notFound } from "next/navigation";
import { useEffect, useRef } from "react";
import { issuerHost } from "@/components/credentials/issuer-host";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { buttonClasses } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { Fact, FactList } from "@/components/ui/fact-list";
import { RelativeTime } from "@/components/ui/relative-time";
import { Skeleton } from "@/components/ui/skeleton";
import { ApiError } from "@/lib/api-error";
import { useCredential } from "@/lib/client/use-credential";
import { useProvisioningJob } from "@/lib/client/use-provisioning";
import { managerRoleLabels, type ProvisioningJob } from "@/lib/schemas/provisioning";
import { summarizeJob } from "./job-summary";
import { ResumePanel } from "./resume-panel";
import { SecretOffer } from "./secret-offer";
import { JOB_STATES, STEP_LABELS } from "./step-labels";
import { StepList } from "./step-list";

// One provisioning job, live: its steps while they run, then what was done and what was not, and the way on.

export function JobView({ id }: { id: string }) {
  const { job, error, retry, resume, takeSecret } = useProvisioningJob(id);
  const { credential } = useCredential(job?.credentialId ?? null);
  const outcomeRef = useRef<HTMLHeadingElement>(null);
  const seenState = useRef<ProvisioningJob["state"] | null>(null);

  // When the job stops (done or failed), focus moves to what it came to, as a dialog's result would.
  useEffect(() => {
    if (!job) return;
    const previous = seenState.current;
    seenState.current = job.state;
    if (previous === "running" && job.state !== "running") outcomeRef.current?.focus();
  }, [job]);

  if (error instanceof ApiError && error.status === 404) notFound();
  if (error && !job) return <ErrorState error={error} onRetry={() => void retry()} title="The job could not be loaded" />;
  if (!job) return <JobSkeleton />;

  const failedStep = job.steps.find((step) => step.state === "failed");
  const runningStep = job.steps.find((step) => step.state === "running");
  const state = JOB_STATES[job.state];
  return (
    <div className="space-y-6" data-testid="provisioning-job" data-state={job.state}>
      <header>
        <Breadcrumb
          steps={[
            { href: "/credentials", label: "Credentials" },
            { href: "/provisioning", label: "Provisioning" },
          ]}
        />
        <h1 className="mt-1 text-2xl font-semibold tracking-tight break-words">New service user {job.input.userName}</h1>
        <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-zinc-600 dark:text-zinc-400">
          <Badge tone={state.tone}>
            <span data-testid="job-state">{state.label}</span>
          </Badge>
          <span>
            at {issuerHost(job.issuer)}, as {job.authority.label}, started by {job.startedBy.name} <RelativeTime value={job.createdAt} />
          </span>
        </p>
      </header>

      <p aria-live="polite" className="sr-only">
        {job.state === "running" ? `Running: ${runningStep ? STEP_LABELS[runningStep.name] : "starting"}.` : `${state.label}.`}
      </p>

      <section aria-labelledby="job-outcome" className="space-y-3">
        <h2 id="job-outcome" ref={outcomeRef} tabIndex={-1} className="text-lg font-semibold tracking-tight outline-none">
          {job.state === "running" ? "Working…" : job.state === "done" ? "Done" : "Stopped"}
        </h2>
        <p className="text-sm" data-testid="job-summary">
          {summarizeJob(job, credential?.label)}
        </p>
        {job.state === "done" && job.credentialId ? (
          <Alert
            tone="success"
            title={`${job.input.userName} is ready.`}
            action={
              <Link href={`/credentials/${job.credentialId}`} className={buttonClasses("primary", "sm")}>
                Open the credential
              </Link>
            }
          >
            Its page shows its token and its organization.
          </Alert>
        ) : null}
        {job.state === "failed" && job.credentialId ? (
          <p className="text-sm">
            <Link href={`/credentials/${job.credentialId}`} className="font-medium text-indigo-600 hover:underline dark:text-indigo-400">
              Open the stored credential
            </Link>
          </p>
        ) : null}
      </section>

      {/* Mounted throughout: once taken, the job no longer offers it, but the secret stays shown until hidden. */}
      <SecretOffer isOffered={job.secretOffer} clientId={job.input.userName} takeSecret={takeSecret} />

      {job.state === "failed" && failedStep ? <ResumePanel job={job} failedStep={failedStep.name} onResume={resume} /> : null}

      <section aria-labelledby="job-steps" className="space-y-3">
        <h2 id="job-steps" className="text-lg font-semibold tracking-tight">
          Steps
        </h2>
        <StepList steps={job.steps} label="Steps of the job" />
      </section>

      <section
        aria-labelledby="job-input"
        className="rounded-lg border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
      >
        <h2 id="job-input" className="sr-only">
          What was asked
        </h2>
        <FactList layout="rows">
          <Fact term="Username">
            <span className="font-mono">{job.input.userName}</span>
          </Fact>
          <Fact term="Display name">{job.input.name}</Fact>
          <Fact term="Organization ID">
            <span className="font-mono">{job.input.orgId}</span>
          </Fact>
          <Fact term="Manager role">{job.input.role ? managerRoleLabels[job.input.role] : "No role"}</Fact>
          <Fact term="Access token type">{job.input.accessTokenType === "jwt" ? "JWT" : "Bearer"}</Fact>
          <Fact term="ZITADEL user ID">{job.userId ? <span className="font-mono">{job.userId}</span> : "Not created yet"}</Fact>
        </FactList>
      </section>
    </div>
  );
}

function JobSkeleton() {
  return (
    <div aria-busy="true" className="space-y-6">
      <span className="sr-only">Loading the job…</span>
      <Skeleton className="h-8 w-72" />
      <Skeleton className="h-64 w-full" />
    </div>
  );
}
