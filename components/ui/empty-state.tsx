import type { ReactNode } from "react";

interface EmptyStateProps {
  title: string;
  description?: ReactNode;
  action?: ReactNode;
  icon?: ReactNode;
  /** "h1" when the empty state is the whole page (a not-found), so the page still has its main heading. */
  headingLevel?: "h1" | "h2";
}

export function EmptyState({ title, description, action, icon, headingLevel: Heading = "h2" }: EmptyStateProps) {
  return (
    <div className="flex flex-col items-center rounded-lg border border-dashed border-zinc-300 px-6 py-14 text-center dark:border-zinc-700">
      {icon ? <div className="mb-3 text-zinc-400 dark:text-zinc-500">{icon}</div> : null}
      <Heading className="text-base font-semibold">{title}</Heading>
      {description ? <p className="mt-1 max-w-md text-sm text-zinc-600 dark:text-zinc-400">{description}</p> : null}
      {action ? <div className="mt-5">{action}</div> : null}
    </div>
  );
}
