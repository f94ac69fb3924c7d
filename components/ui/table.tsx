import type { ComponentProps } from "react";
import { cn } from "./cn";
import { ScrollRegion } from "./scroll-region";
import { Skeleton } from "./skeleton";

/**
 * A table in a box that scrolls sideways when the table is wider than the screen; while it does, the box takes focus
 * under `scrollLabel`, so a keyboard user can scroll it too.
 */
export function Table({ className, children, scrollLabel, ...props }: ComponentProps<"table"> & { scrollLabel: string }) {
  return (
    <ScrollRegion
      label={scrollLabel}
      className="overflow-x-auto rounded-lg border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
    >
      <table className={cn("w-full border-collapse text-left text-sm", className)} {...props}>
        {children}
      </table>
    </ScrollRegion>
  );
}

export function THead({ className, ...props }: ComponentProps<"thead">) {
  return <thead className={cn("border-b border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900/80", className)} {...props} />;
}

export function TBody({ className, ...props }: ComponentProps<"tbody">) {
  return <tbody className={cn("divide-y divide-zinc-100 dark:divide-zinc-800", className)} {...props} />;
}

export function Tr({ className, ...props }: ComponentProps<"tr">) {
  return <tr className={cn("hover:bg-zinc-50 dark:hover:bg-zinc-800/40", className)} {...props} />;
}

export function Th({ className, scope = "col", ...props }: ComponentProps<"th">) {
  return (
    <th
      scope={scope}
      className={cn("px-3 py-2.5 text-xs font-semibold tracking-wide text-zinc-500 uppercase sm:px-4 dark:text-zinc-400", className)}
      {...props}
    />
  );
}

export function Td({ className, ...props }: ComponentProps<"td">) {
  return <td className={cn("px-3 py-3 align-top sm:px-4", className)} {...props} />;
}

/**
 * A column: its label, and classes for its cells, e.g. `hidden sm:table-cell` for one a phone can do without.
 * `isLabelHidden` keeps the label for screen readers only (a column of buttons needs a name but no heading on screen).
 */
export type Column = string | { label: string; className?: string; isLabelHidden?: boolean };

function columnLabel(column: Column): string {
  return typeof column === "string" ? column : column.label;
}

/** The classes a column's cells share with its header (whether it shows at this width). */
export function columnClass(column: Column): string | undefined {
  return typeof column === "string" ? undefined : column.className;
}

/** The header row of a table whose columns are plain labels. */
export function THeadRow({ columns }: { columns: readonly Column[] }) {
  return (
    <THead>
      <tr>
        {columns.map((column) => (
          <Th key={columnLabel(column)} className={columnClass(column)}>
            {typeof column !== "string" && column.isLabelHidden ? <span className="sr-only">{column.label}</span> : columnLabel(column)}
          </Th>
        ))}
      </tr>
    </THead>
  );
}

/** A table-shaped placeholder while rows load; `label` is what screen readers hear. */
export function TableSkeleton({ columns, rows = 5, label }: { columns: readonly Column[]; rows?: number; label: string }) {
  return (
    <div aria-busy="true">
      <span className="sr-only">{label}</span>
      <Table scrollLabel={label}>
        <THeadRow columns={columns} />
        <TBody>
          {Array.from({ length: rows }, (_, row) => (
            <tr key={row}>
              {columns.map((column) => (
                <Td key={columnLabel(column)} className={columnClass(column)}>
                  <Skeleton className="h-4 w-full max-w-32" />
                </Td>
              ))}
            </tr>
          ))}
        </TBody>
      </Table>
    </div>
  );
}
