import type { ReactNode } from "react";
import { FieldError } from "./field-error";
import { Label } from "./label";

interface FieldProps {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string[] | string | null;
  isOptional?: boolean;
  children: (describedBy: string | undefined, isInvalid: boolean) => ReactNode;
}

/** Label, control, hint and error, wired together by ids. */
export function Field({ id, label, hint, error, isOptional, children }: FieldProps) {
  const isInvalid = Boolean(Array.isArray(error) ? error.length : error);
  const describedBy = [hint ? `${id}-hint` : null, isInvalid ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <Label htmlFor={id} isOptional={isOptional}>
        {label}
      </Label>
      <div className="mt-1.5">{children(describedBy, isInvalid)}</div>
      {hint ? (
        <p id={`${id}-hint`} className="mt-1.5 text-xs text-zinc-500 dark:text-zinc-400">
          {hint}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} messages={error} />
    </div>
  );
}
