"use client";

import type { ComponentProps } from "react";
import { cn } from "./cn";
import { useFieldProps } from "./field";

/** The browser's file picker, styled as a button beside the chosen file's name. */
export function FileInput({ className, ...props }: Omit<ComponentProps<"input">, "type">) {
  const { props: fieldProps } = useFieldProps(props);
  return (
    <input
      {...fieldProps}
      type="file"
      className={cn(
        "block w-full text-sm text-zinc-700 file:mr-3 file:rounded-md file:border-0 file:bg-zinc-100 file:px-3 file:py-2 file:text-sm file:font-medium file:text-zinc-800 hover:file:bg-zinc-200 dark:text-zinc-300 dark:file:bg-zinc-800 dark:file:text-zinc-100 dark:hover:file:bg-zinc-700",
        className,
      )}
    />
  );
}
