import type { ReactNode } from "react";
import { cn } from "./cn";

export type AlertTone = "danger" | "warning" | "info" | "success";

const TONES: Record<AlertTone, string> = {
  danger: "border-red-200 bg-red-50 text-red-900 dark:border-red-900 dark:bg-red-950/60 dark:text-red-100",
  warning: "border-amber-200 bg-amber-50 text-amber-900 dark:border-amber-900 dark:bg-amber-950/60 dark:text-amber-100",
  info: "border-zinc-200 bg-white text-zinc-800 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-200",
  success: "border-emerald-200 bg-emerald-50 text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950/60 dark:text-emerald-100",
};

/** A message box. Danger and warning alerts are announced (role="alert"); the others are polite status. */
export function Alert({
  tone = "info",
  title,
  children,
  action,
  className,
}: {
  tone?: AlertTone;
  title?: string;
  children?: ReactNode;
  action?: ReactNode;
  className?: string;
}) {
  const isUrgent = tone === "danger" || tone === "warning";
  return (
    <div
      role={isUrgent ? "alert" : "status"}
      className={cn("flex flex-wrap items-start gap-3 rounded-lg border p-4 text-sm", TONES[tone], className)}
    >
      <div className="min-w-0 flex-1">
        {title ? <p className="font-medium">{title}</p> : null}
        {children ? <div className={cn(title && "mt-1", "opacity-90")}>{children}</div> : null}
      </div>
      {action ? <div className="shrink-0">{action}</div> : null}
    </div>
  );
}
