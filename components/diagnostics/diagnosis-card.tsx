import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import type { Diagnosis, DiagnosisCheck } from "@/lib/schemas/diagnostics";
import { BusyButton } from "./busy-button";
import { isFixedInZitadel } from "./outcome-labels";

// Why a test failed, in plain language, and what to change in ZITADEL. Shared by the token and org panels.

interface DiagnosisCardProps {
  diagnosis: Diagnosis;
  onRetry?: () => void;
  isRetrying?: boolean;
  testId?: string;
  /** What the console can do about it itself ("Fix it for me"), under the manual fix. */
  fix?: ReactNode;
}

export function DiagnosisCard({ diagnosis, onRetry, isRetrying, testId, fix }: DiagnosisCardProps) {
  // Retryable failures (timeouts, 5xx) are about the moment, not the credential: amber instead of red.
  const isTransient = diagnosis.retryable;
  return (
    <div
      role="alert"
      data-testid={testId}
      data-code={diagnosis.code}
      className={cn(
        "rounded-lg border p-4 text-sm",
        isTransient
          ? "border-amber-200 bg-amber-50 text-amber-950 dark:border-amber-900 dark:bg-amber-950/50 dark:text-amber-50"
          : "border-red-200 bg-red-50 text-red-950 dark:border-red-900 dark:bg-red-950/50 dark:text-red-50",
      )}
    >
      <div className="flex flex-wrap items-start gap-x-3 gap-y-2">
        <p className="min-w-0 flex-1 text-base font-semibold">{diagnosis.title}</p>
        {diagnosis.httpStatus !== undefined ? (
          <Badge tone={isTransient ? "warning" : "danger"} className="font-mono">
            HTTP {diagnosis.httpStatus}
          </Badge>
        ) : null}
      </div>
      {/* With checks, the explanation's own list of causes would say them twice: its first sentence, then the checks. */}
      <p className="mt-2 leading-relaxed">{diagnosis.checks?.length ? firstSentence(diagnosis.explanation) : diagnosis.explanation}</p>
      {diagnosis.checks?.length ? <LikelyCauses checks={diagnosis.checks} /> : null}
      <div className="mt-3 rounded-md bg-white/70 p-3 ring-1 ring-black/5 ring-inset dark:bg-black/20 dark:ring-white/10">
        <p className="text-xs font-semibold tracking-wide uppercase opacity-80">
          {isFixedInZitadel(diagnosis.code) ? "How to fix it in ZITADEL" : "How to fix it"}
        </p>
        <p className="mt-1 leading-relaxed">{diagnosis.fix}</p>
      </div>
      <div className="mt-3 flex flex-wrap items-end justify-between gap-3">
        <p className="min-w-0 font-mono text-xs opacity-75">
          <span>{diagnosis.code}</span>
          {diagnosis.requestId ? <span className="block break-all">Request {diagnosis.requestId}</span> : null}
          {diagnosis.upstreamError ? (
            <span className="block break-all">
              {diagnosis.upstreamError.error}
              {diagnosis.upstreamError.description ? `: ${diagnosis.upstreamError.description}` : ""}
            </span>
          ) : null}
        </p>
        {diagnosis.retryable && onRetry ? (
          <BusyButton size="sm" onClick={onRetry} isBusy={Boolean(isRetrying)}>
            Try again
          </BusyButton>
        ) : null}
      </div>
      {fix}
    </div>
  );
}

function firstSentence(text: string): string {
  const end = text.search(/[.!?]\s/);
  return end === -1 ? text : text.slice(0, end + 1);
}

const CHECK_RESULTS: Record<DiagnosisCheck["result"], { label: string; tone: "danger" | "success" | "neutral" }> = {
  failed: { label: "Found", tone: "danger" },
  passed: { label: "Ruled out", tone: "success" },
  not_checked: { label: "Cannot check", tone: "neutral" },
};

/** ZITADEL's answer names no cause: the likely ones, most likely first, with what M2M Console could check itself. */
function LikelyCauses({ checks }: { checks: DiagnosisCheck[] }) {
  return (
    <div className="mt-3">
      <p className="text-xs font-semibold tracking-wide uppercase opacity-80">Likely causes, most likely first</p>
      <ol className="mt-1.5 space-y-2" data-testid="diagnosis-checks">
        {checks.map((check) => (
          <li key={check.id} data-check={check.id} data-result={check.result} className="leading-relaxed">
            <Badge tone={CHECK_RESULTS[check.result].tone}>{CHECK_RESULTS[check.result].label}</Badge> {check.cause}
            <span className="mt-0.5 block text-xs opacity-80">{check.detail}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
