import { DiagnosisCard } from "@/components/diagnostics/diagnosis-card";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { RelativeTime } from "@/components/ui/relative-time";
import type { JobStep } from "@/lib/schemas/provisioning";
import { STEP_LABELS, STEP_STATES } from "./step-labels";

// A job's or an action's steps in order: each with its state in words and a glyph, what happened, and for the
// failed one ZITADEL's refusal in plain language.

type Step = Omit<JobStep, "name"> & { name: keyof typeof STEP_LABELS };

export function StepList({ steps, label, testId = "step" }: { steps: Step[]; label: string; testId?: string }) {
  return (
    <ol aria-label={label} className="space-y-3">
      {steps.map((step) => {
        const state = STEP_STATES[step.state];
        return (
          <li
            key={step.name}
            data-testid={testId}
            data-step={step.name}
            data-state={step.state}
            className={cn(
              "rounded-lg border p-3 text-sm",
              step.state === "failed" ? "border-red-200 dark:border-red-900" : "border-zinc-200 dark:border-zinc-800",
            )}
          >
            <div className="flex flex-wrap items-center gap-2">
              <span
                aria-hidden
                className={cn(
                  "inline-flex size-6 items-center justify-center rounded-full text-xs font-bold",
                  step.state === "running" && "animate-pulse",
                  state.tone === "success" && "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
                  state.tone === "danger" && "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300",
                  (state.tone === "neutral" || state.tone === "accent") && "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
                )}
              >
                {state.glyph}
              </span>
              <span className="font-medium">{STEP_LABELS[step.name]}</span>
              <Badge tone={state.tone}>
                <span data-testid="step-state">{state.label}</span>
              </Badge>
              {step.attempts > 1 ? <span className="text-xs text-zinc-500 dark:text-zinc-400">{step.attempts} tries</span> : null}
              {step.finishedAt ? (
                <span className="ml-auto text-xs text-zinc-500 dark:text-zinc-400">
                  <RelativeTime value={step.finishedAt} />
                </span>
              ) : null}
            </div>
            {step.detail ? (
              <p className="mt-1.5 pl-8 break-words text-zinc-700 dark:text-zinc-300" data-testid="step-detail">
                {step.detail}
              </p>
            ) : null}
            {step.state === "failed" && step.diagnosis ? (
              <div className="mt-3">
                <DiagnosisCard diagnosis={step.diagnosis} testId="step-diagnosis" />
              </div>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
