"use client";

import Link from "next/link";
import { notFound } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { ClaimsTable } from "@/components/diagnostics/claims-table";
import { DiagnosisCard } from "@/components/diagnostics/diagnosis-card";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { formatDateTime } from "@/components/ui/time-format";
import { ApiError } from "@/lib/api-error";
import { useCredential } from "@/lib/client/use-credential";
import { useFreshCheck } from "@/lib/client/use-fresh-check";
import { useMe } from "@/lib/client/use-me";
import { usePresentation } from "@/lib/client/use-presentation";
import type { BreakScenario } from "@/lib/schemas/presentation";
import { buildFlow, type FlowStep } from "./flow";
import { SequenceDiagram } from "./sequence-diagram";

// The presenter view: one check of a credential, step by step, in large type for a room. An operator runs a fresh
// check on opening; anyone else replays the latest recorded one. "Break it" shows the same flow failing.

export function Presenter({ credentialId }: { credentialId: string }) {
  const { credential, error: credentialError } = useCredential(credentialId);
  const { presentation, error: presentationError, refresh } = usePresentation(credentialId);
  const operatorOnly = useMe().deniedReason("operator");
  const fresh = useFreshCheck(credentialId);
  const runFresh = fresh.run;
  const [current, setCurrent] = useState(0);
  const [broken, setBroken] = useState<BreakScenario | null>(null);
  const [isBreaking, setBreaking] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const hasRun = useRef(false);

  // An operator presents what happens now: one fresh check when the view opens.
  useEffect(() => {
    if (operatorOnly || hasRun.current) return;
    hasRun.current = true;
    void runFresh();
  }, [operatorOnly, runFresh]);

  const recorded = presentation?.recorded;
  const check = useMemo(
    () => fresh.check ?? (recorded ? { tokenTest: recorded.tokenTest, orgLookup: recorded.orgLookup } : null),
    [fresh.check, recorded],
  );
  const steps = useMemo(() => {
    if (!credential || !presentation) return [];
    const failure = broken ? { stage: broken.stage, diagnosis: broken.diagnosis, httpStatus: broken.httpStatus } : null;
    return buildFlow({
      credential,
      scopes: presentation.scopes,
      tokenTest: check?.tokenTest ?? null,
      orgLookup: check?.orgLookup ?? null,
      failure,
    });
  }, [credential, presentation, check, broken]);
  const step = steps[Math.min(current, Math.max(steps.length - 1, 0))];
  const last = steps.length - 1;

  useArrowKeys(
    () => setCurrent((index) => Math.max(0, index - 1)),
    () => setCurrent((index) => Math.min(last, index + 1)),
  );

  if (credentialError instanceof ApiError && credentialError.status === 404) notFound();
  const error = credentialError ?? presentationError;
  if (error && (!credential || !presentation)) return <ErrorState error={error} onRetry={() => void refresh()} />;
  if (!credential || !presentation || !step) return <PresenterSkeleton />;

  const breakInto = (scenario: BreakScenario | null) => {
    setBroken(scenario);
    if (!scenario) return setCurrent(0);
    const failing = buildFlow({ credential, scopes: presentation.scopes, tokenTest: null, orgLookup: null, failure: scenario });
    setCurrent(
      Math.max(
        0,
        failing.findIndex((candidate) => candidate.status === "failed"),
      ),
    );
  };

  return (
    <div ref={rootRef} className="space-y-6 bg-zinc-50 text-lg dark:bg-zinc-950 [&:fullscreen]:overflow-auto [&:fullscreen]:p-6">
      <header className="flex flex-wrap items-start gap-4">
        <div className="w-full min-w-0 sm:flex-1">
          <Link
            href={`/credentials/${credentialId}`}
            className="text-base font-medium text-indigo-700 hover:underline dark:text-indigo-300"
          >
            ← Back to the credential
          </Link>
          <h1 className="mt-1 text-3xl font-semibold tracking-tight break-words sm:text-4xl">How {credential.label} signs in</h1>
          <p className="mt-1 text-base text-zinc-700 dark:text-zinc-300" data-testid="presenter-source">
            <SourceLine isFresh={Boolean(fresh.check)} isRunning={fresh.isRunning} recorded={presentation.recorded} />
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          {operatorOnly ? null : (
            <Button onClick={() => void fresh.run().then(() => setCurrent(0))} isLoading={fresh.isRunning}>
              Run a fresh check
            </Button>
          )}
          <Button aria-pressed={isBreaking} onClick={() => setBreaking((open) => !open)}>
            Break it
          </Button>
          <Button onClick={() => void toggleFullScreen(rootRef.current)}>Full screen</Button>
        </div>
      </header>

      {fresh.error ? <ErrorState error={fresh.error} onRetry={() => void fresh.run()} /> : null}
      {isBreaking ? <BreakChoices scenarios={presentation.scenarios} chosen={broken} onChoose={breakInto} /> : null}
      {!check && !fresh.isRunning ? (
        <p className="rounded-lg border border-zinc-300 p-4 text-base dark:border-zinc-700">
          No check of this credential is recorded yet: the steps below show the flow without its answers.
        </p>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <SequenceDiagram steps={steps} current={current} onSelect={setCurrent} />
        <StepPanel step={step} index={current} total={steps.length} />
      </div>

      <nav aria-label="Steps" className="flex flex-wrap items-center justify-between gap-3">
        <Button className="px-5 py-3 text-lg" onClick={() => setCurrent(Math.max(0, current - 1))} disabled={current === 0}>
          ← Previous
        </Button>
        <p aria-live="polite" className="text-base" data-testid="presenter-position">
          Step {current + 1} of {steps.length}
        </p>
        <Button
          className="px-5 py-3 text-lg"
          variant="primary"
          onClick={() => setCurrent(Math.min(last, current + 1))}
          disabled={current === last}
        >
          Next →
        </Button>
      </nav>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">Use the left and right arrow keys to step through.</p>
    </div>
  );
}

function SourceLine({
  isFresh,
  isRunning,
  recorded,
}: {
  isFresh: boolean;
  isRunning: boolean;
  recorded: { at: string; by: string } | null;
}) {
  if (isRunning) return <>Running a fresh check…</>;
  if (isFresh) return <>A fresh check, run just now.</>;
  if (recorded)
    return (
      <>
        Replaying the latest recorded check, by {recorded.by} on {formatDateTime(recorded.at)}.
      </>
    );
  return <>No check recorded yet.</>;
}

function StepPanel({ step, index, total }: { step: FlowStep; index: number; total: number }) {
  return (
    <section
      aria-labelledby="presenter-step-title"
      data-testid="presenter-step"
      data-step={step.id}
      data-status={step.status}
      className="min-w-0 space-y-4 rounded-xl border border-zinc-300 bg-white p-4 sm:p-6 dark:border-zinc-700 dark:bg-zinc-900"
    >
      <p className="text-base text-zinc-700 dark:text-zinc-300">
        Step {index + 1} of {total}
      </p>
      <h2 id="presenter-step-title" className="text-2xl font-semibold sm:text-3xl">
        {step.title}
      </h2>
      <p className="text-lg leading-relaxed sm:text-xl">{step.narration}</p>
      {step.diagnosis ? <DiagnosisCard diagnosis={step.diagnosis} testId="presenter-diagnosis" /> : null}
      {step.facts.length ? (
        <dl className="grid gap-3 text-base">
          {step.facts.map((fact) => (
            <div key={fact.term} className="min-w-0">
              <dt className="font-mono text-sm break-all text-zinc-700 dark:text-zinc-300">{fact.term}</dt>
              <dd className="break-words">{fact.value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {step.claims.map((claims) => (
        <ClaimsTable key={claims.caption} claims={claims.claims} caption={claims.caption} />
      ))}
      {step.http ? (
        <details className="rounded-lg border border-zinc-300 dark:border-zinc-700">
          <summary className="cursor-pointer px-4 py-2 text-base font-medium">Show the HTTP</summary>
          <pre
            className="overflow-auto bg-zinc-950 p-4 font-mono text-sm leading-relaxed break-all whitespace-pre-wrap text-zinc-100"
            data-testid="presenter-http"
          >
            {step.http}
          </pre>
        </details>
      ) : null}
    </section>
  );
}

function BreakChoices({
  scenarios,
  chosen,
  onChoose,
}: {
  scenarios: BreakScenario[];
  chosen: BreakScenario | null;
  onChoose: (scenario: BreakScenario | null) => void;
}) {
  return (
    <fieldset className="rounded-xl border border-zinc-300 p-4 dark:border-zinc-700">
      <legend className="px-1 text-base font-semibold">Break it: show the flow failing</legend>
      <div className="flex flex-wrap gap-2">
        <Button aria-pressed={chosen === null} onClick={() => onChoose(null)}>
          Working
        </Button>
        {scenarios.map((scenario) => (
          <Button key={scenario.id} aria-pressed={chosen?.id === scenario.id} onClick={() => onChoose(scenario)}>
            {scenario.label}
            {scenario.demoClientId ? <span className="ml-1 font-mono text-xs">({scenario.demoClientId})</span> : null}
          </Button>
        ))}
      </div>
    </fieldset>
  );
}

/** ← and → step through, except while typing in a field or when a modifier means something else. */
function useArrowKeys(onPrevious: () => void, onNext: () => void) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest("input, textarea, select, [contenteditable='true']")) return;
      if (event.key === "ArrowLeft") onPrevious();
      else if (event.key === "ArrowRight") onNext();
      else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onPrevious, onNext]);
}

async function toggleFullScreen(element: HTMLElement | null): Promise<void> {
  if (document.fullscreenElement) return document.exitFullscreen();
  await element?.requestFullscreen().catch(() => undefined);
}

function PresenterSkeleton() {
  return (
    <div aria-busy="true" className="space-y-6">
      <span className="sr-only">Loading the presentation…</span>
      <Skeleton className="h-10 w-80" />
      <Skeleton className="h-96 w-full" />
    </div>
  );
}
