"use client";

import type { ComponentProps } from "react";
import { cn } from "./cn";
import { useFieldProps } from "./field";
import { fieldClasses, invalidClasses } from "./input";

export function Select({ className, ...props }: ComponentProps<"select">) {
  const { props: fieldProps, isInvalid } = useFieldProps(props);
  return <select {...fieldProps} className={cn(fieldClasses, "h-9 pr-8", invalidClasses(isInvalid), className)} />;
}
