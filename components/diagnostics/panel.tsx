import { useId, type ReactNode } from "react";
import { cn } from "@/components/ui/cn";

// A titled card for one part of the diagnostics; its heading names the region for assistive technology.

interface PanelProps {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  isBusy?: boolean;
  className?: string;
  children: ReactNode;
  testId?: string;
}

export function Panel({ title, description, actions, isBusy, className, children, testId }: PanelProps) {
  const titleId = useId();
  return (
    <section
      aria-labelledby={titleId}
      aria-busy={isBusy || undefined}
      data-testid={testId}
      className={cn(
        "flex min-w-0 flex-col rounded-xl border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900",
        className,
      )}
    >
      <header className="flex flex-wrap items-start gap-3 border-b border-zinc-100 px-5 py-4 dark:border-zinc-800">
        <div className="min-w-0 flex-1 basis-56">
          <h3 id={titleId} className="text-base font-semibold">
            {title}
          </h3>
          {description ? <p className="mt-0.5 text-sm text-zinc-500 dark:text-zinc-400">{description}</p> : null}
        </div>
        {actions ? <div className="flex flex-wrap items-center gap-2">{actions}</div> : null}
      </header>
      <div className="flex-1 space-y-5 p-5">{children}</div>
    </section>
  );
}

/** A small heading inside a panel, above a table or list. */
export function SubHeading({ children }: { children: ReactNode }) {
  return <h4 className="text-sm font-semibold text-zinc-800 dark:text-zinc-200">{children}</h4>;
}
