"use client";

import type { ComponentProps } from "react";
import { cn } from "./cn";
import { useFieldProps } from "./field";

export const fieldClasses = cn(
  "block w-full rounded-md border bg-white px-3 py-2 text-sm text-zinc-900 shadow-sm placeholder:text-zinc-400",
  "focus:border-indigo-500 focus:outline-2 focus:outline-offset-0 focus:outline-indigo-500/40",
  "disabled:cursor-not-allowed disabled:bg-zinc-100 dark:bg-zinc-900 dark:text-zinc-100 dark:placeholder:text-zinc-500 dark:disabled:bg-zinc-800",
);

export function invalidClasses(isInvalid: boolean): string {
  return isInvalid ? "border-red-500 dark:border-red-500" : "border-zinc-300 dark:border-zinc-700";
}

export function Input({ className, ...props }: ComponentProps<"input">) {
  const { props: fieldProps, isInvalid } = useFieldProps(props);
  return <input {...fieldProps} className={cn(fieldClasses, "h-9", invalidClasses(isInvalid), className)} />;
}
