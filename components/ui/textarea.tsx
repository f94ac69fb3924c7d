"use client";

import type { ComponentProps } from "react";
import { cn } from "./cn";
import { useFieldProps } from "./field";
import { fieldClasses, invalidClasses } from "./input";

export function Textarea({ className, ...props }: ComponentProps<"textarea">) {
  const { props: fieldProps, isInvalid } = useFieldProps(props);
  return <textarea {...fieldProps} className={cn(fieldClasses, invalidClasses(isInvalid), className)} />;
}
