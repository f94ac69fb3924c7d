import { cn } from "@/components/ui/cn";
import { PARTY_LABELS, type FlowStep, type Party } from "./flow";

// The flow as a sequence diagram: three lifelines, one arrow per step. Each row also says in words who talks to whom,
// so the diagram reads the same to a screen reader; the current step is marked, a click goes to a step.

export function SequenceDiagram({ steps, current, onSelect }: { steps: FlowStep[]; current: number; onSelect: (index: number) => void }) {
  const parties: Party[] = steps.some((step) => step.to === "token") ? ["service", "token", "api"] : ["service", "api"];
  return (
    <div className="rounded-xl border border-zinc-300 bg-white p-3 sm:p-5 dark:border-zinc-700 dark:bg-zinc-900">
      <div
        className="grid gap-2 text-center text-sm font-semibold sm:text-base"
        style={{ gridTemplateColumns: `repeat(${parties.length}, minmax(0, 1fr))` }}
        aria-hidden
      >
        {parties.map((party) => (
          <span key={party} className="rounded-md bg-zinc-100 px-1 py-2 dark:bg-zinc-800">
            {PARTY_LABELS[party]}
          </span>
        ))}
      </div>
      <ol aria-label="Sequence diagram" className="mt-3 space-y-2">
        {steps.map((step, index) => {
          const from = parties.indexOf(step.from) + 1;
          const to = parties.indexOf(step.to) + 1;
          const start = Math.min(from, to);
          const span = Math.abs(to - from) + 1;
          const isCurrent = index === current;
          return (
            <li key={step.id} aria-current={isCurrent ? "step" : undefined}>
              <button
                type="button"
                onClick={() => onSelect(index)}
                data-status={step.status}
                className={cn(
                  "grid w-full gap-2 rounded-lg px-1 py-2 text-left focus-visible:outline-2 focus-visible:outline-indigo-600",
                  isCurrent
                    ? "bg-indigo-50 ring-2 ring-indigo-600 dark:bg-indigo-950/60 dark:ring-indigo-400"
                    : "hover:bg-zinc-50 dark:hover:bg-zinc-800/60",
                )}
                style={{ gridTemplateColumns: `repeat(${parties.length}, minmax(0, 1fr))` }}
              >
                <span className="block text-sm sm:text-base" style={{ gridColumn: `${start} / span ${span}` }}>
                  <span className="block font-semibold">
                    {index + 1}. {step.title}
                    {step.status === "failed" ? " ✕" : null}
                  </span>
                  <span className="block text-xs text-zinc-700 sm:text-sm dark:text-zinc-300">
                    {PARTY_LABELS[step.from]} {step.from === step.to ? "(on its own)" : `→ ${PARTY_LABELS[step.to]}`}
                    {step.status === "not_reached" ? " · not reached" : step.status === "failed" ? " · fails here" : ""}
                  </span>
                  <Arrow isLeftward={to < from} isSelf={from === to} status={step.status} />
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

function Arrow({ isLeftward, isSelf, status }: { isLeftward: boolean; isSelf: boolean; status: FlowStep["status"] }) {
  const tone =
    status === "failed"
      ? "bg-red-700 dark:bg-red-400"
      : status === "not_reached"
        ? "bg-zinc-300 dark:bg-zinc-700"
        : "bg-indigo-700 dark:bg-indigo-400";
  if (isSelf) return <span aria-hidden className={cn("mt-1 block h-1.5 w-10 rounded-full", tone)} />;
  return (
    <span aria-hidden className={cn("mt-1 flex items-center", isLeftward ? "flex-row-reverse" : "")}>
      <span className={cn("h-1 flex-1 rounded-full", tone)} />
      <span className={cn("size-3 rotate-45", tone)} />
    </span>
  );
}
