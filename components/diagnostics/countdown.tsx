"use client";

import { cn } from "@/components/ui/cn";
import { RelativeTime } from "@/components/ui/relative-time";
import { formatDateTime } from "@/components/ui/time-format";
import { useNow } from "@/components/ui/use-now";
import { formatCountdown } from "./format";

// Live times: a token's expiry counting down, and how long ago an answer arrived. Both tick every second.

/** role="timer" is not announced on every tick; the absolute time is in the tooltip and `dateTime`. */
export function ExpiryCountdown({ expiresAt, className, testId }: { expiresAt: string; className?: string; testId?: string }) {
  const now = useNow();
  const msLeft = Date.parse(expiresAt) - now;
  const isExpired = now > 0 && msLeft <= 0;
  return (
    <time
      role="timer"
      dateTime={expiresAt}
      title={`Expires ${formatDateTime(expiresAt)}`}
      data-testid={testId}
      data-seconds-left={now > 0 ? Math.max(0, Math.floor(msLeft / 1000)) : undefined}
      className={cn("font-mono tabular-nums", isExpired && "text-red-600 dark:text-red-400", className)}
    >
      {now === 0 ? "—" : formatCountdown(msLeft)}
    </time>
  );
}

export function UpdatedAgo({ at, className, verb = "updated" }: { at: number | null; className?: string; verb?: string }) {
  if (at === null) return null;
  return (
    <span className={cn("tabular-nums", className)} data-testid="updated-ago">
      {verb} <RelativeTime value={at} />
    </span>
  );
}
