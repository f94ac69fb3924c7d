import type { ComponentProps } from "react";
import { cn } from "./cn";
import { fieldClasses, invalidClasses } from "./input";

export function Select({ className, "aria-invalid": ariaInvalid, ...props }: ComponentProps<"select">) {
  const isInvalid = ariaInvalid === true || ariaInvalid === "true";
  return <select aria-invalid={ariaInvalid} className={cn(fieldClasses, "h-9 pr-8", invalidClasses(isInvalid), className)} {...props} />;
}
