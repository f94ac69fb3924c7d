"use client";

import { createContext, use, useId, type AriaAttributes, type ReactNode } from "react";
import { Label } from "./label";

// A Field names and describes the one control inside it through context, so forms never thread ids by hand.

interface FieldControl {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid": boolean;
}

const FieldContext = createContext<FieldControl | null>(null);

/** A control's props over those of the Field around it (none outside a Field), and whether it shows as invalid. */
export function useFieldProps<P extends { "aria-invalid"?: AriaAttributes["aria-invalid"] }>(props: P) {
  const control = use(FieldContext);
  const merged = { ...control, ...props };
  const isInvalid = String(merged["aria-invalid"]) === "true";
  return { props: merged, isInvalid };
}

interface FieldProps {
  label: string;
  hint?: ReactNode;
  error?: string | null;
  isOptional?: boolean;
  children: ReactNode;
}

/** Label, control, hint and error. The control (Input, Textarea, PasswordInput, FileInput, Select) takes its id from here. */
export function Field({ label, hint, error, isOptional, children }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <Label htmlFor={id} isOptional={isOptional}>
        {label}
      </Label>
      <div className="mt-1.5">
        <FieldContext value={{ id, "aria-describedby": describedBy, "aria-invalid": Boolean(error) }}>{children}</FieldContext>
      </div>
      {hint ? (
        <p id={hintId} className="mt-1.5 text-xs text-zinc-500 dark:text-zinc-400">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="mt-1.5 text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}
