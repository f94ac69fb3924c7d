import type { ComponentProps } from "react";
import { cn } from "./cn";
import { fieldClasses, invalidClasses } from "./input";

export function Textarea({ className, "aria-invalid": ariaInvalid, ...props }: ComponentProps<"textarea">) {
  const isInvalid = ariaInvalid === true || ariaInvalid === "true";
  return <textarea aria-invalid={ariaInvalid} className={cn(fieldClasses, invalidClasses(isInvalid), className)} {...props} />;
}
