import type { ComponentProps } from "react";
import { cn } from "./cn";

export function Label({ className, children, isOptional, ...props }: ComponentProps<"label"> & { isOptional?: boolean }) {
  return (
    <label className={cn("block text-sm font-medium text-zinc-800 dark:text-zinc-200", className)} {...props}>
      {children}
      {isOptional ? <span className="font-normal text-zinc-500 dark:text-zinc-400"> (optional)</span> : null}
    </label>
  );
}
