import type { ReactNode } from "react";
import { cn } from "./cn";

/** A toggle in a row of filters (a tag, a status, an organization): pressed while its filter applies. */
export function FilterChip({
  isActive,
  onClick,
  title,
  children,
}: {
  isActive: boolean;
  onClick: () => void;
  title?: string;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      aria-pressed={isActive}
      onClick={onClick}
      title={title}
      className={cn(
        "rounded-full px-2.5 py-1 text-xs font-medium ring-1 transition-colors ring-inset",
        isActive
          ? "bg-indigo-600 text-white ring-indigo-600 dark:bg-indigo-500 dark:ring-indigo-500"
          : "bg-white text-zinc-700 ring-zinc-300 hover:bg-zinc-50 dark:bg-zinc-900 dark:text-zinc-300 dark:ring-zinc-700 dark:hover:bg-zinc-800",
      )}
    >
      {children}
    </button>
  );
}
