"use client";

import { createContext, use, type ReactNode } from "react";
import { cn } from "./cn";

// Label/value pairs (<dl>): a compact grid inside a panel, or rows with the label beside the value on a page.

type FactLayout = "grid" | "rows";

const LayoutContext = createContext<FactLayout>("grid");

const LISTS: Record<FactLayout, string> = {
  grid: "grid grid-cols-1 gap-x-6 gap-y-4 sm:grid-cols-2",
  rows: "grid lg:grid-cols-2",
};

const FACTS: Record<FactLayout, { fact: string; wide: string; term: string; value: string }> = {
  grid: {
    fact: "min-w-0",
    wide: "sm:col-span-2",
    term: "text-xs font-medium uppercase tracking-wide text-zinc-500 dark:text-zinc-400",
    value: "mt-1 text-sm",
  },
  rows: {
    fact: "grid gap-1 border-b border-zinc-100 px-5 py-3 last:border-b-0 sm:grid-cols-[10rem_1fr] sm:gap-4 dark:border-zinc-800",
    wide: "lg:col-span-2",
    term: "text-sm font-medium text-zinc-500 dark:text-zinc-400",
    value: "min-w-0 text-sm",
  },
};

/** Two columns from small screens on (grid) or from large ones on (rows); the Facts inside follow the layout. */
export function FactList({ layout = "grid", children }: { layout?: FactLayout; children: ReactNode }) {
  return (
    <LayoutContext value={layout}>
      <dl className={LISTS[layout]}>{children}</dl>
    </LayoutContext>
  );
}

/** One label and its value; a wide one spans both columns. */
export function Fact({ term, isWide = false, children }: { term: string; isWide?: boolean; children: ReactNode }) {
  const style = FACTS[use(LayoutContext)];
  return (
    <div className={cn(style.fact, isWide && style.wide)}>
      <dt className={style.term}>{term}</dt>
      <dd className={style.value}>{children}</dd>
    </div>
  );
}
