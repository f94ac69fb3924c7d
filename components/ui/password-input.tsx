"use client";

import { useId, useState, type ComponentProps } from "react";
import { cn } from "./cn";
import { useFieldProps } from "./field";
import { Input } from "./input";

/** A secret field: hidden by default, a toggle shows it while typing. Never pre-filled, never autocompleted. */
export function PasswordInput({ className, ...props }: Omit<ComponentProps<"input">, "type">) {
  const [isVisible, setVisible] = useState(false);
  const generatedId = useId();
  const { props: fieldProps } = useFieldProps(props);
  const id = fieldProps.id ?? generatedId;
  return (
    <div className="relative">
      <Input
        {...fieldProps}
        id={id}
        type={isVisible ? "text" : "password"}
        autoComplete="off"
        autoCorrect="off"
        autoCapitalize="off"
        spellCheck={false}
        data-1p-ignore
        data-lpignore="true"
        className={cn("pr-16 font-mono", className)}
      />
      <button
        type="button"
        onClick={() => setVisible((value) => !value)}
        aria-controls={id}
        aria-pressed={isVisible}
        className="absolute inset-y-1 right-1 rounded px-2 text-xs font-medium text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
      >
        {isVisible ? "Hide" : "Show"}
        <span className="sr-only"> secret</span>
      </button>
    </div>
  );
}
