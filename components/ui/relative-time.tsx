"use client";

import { formatAgo, formatDateTime } from "./time-format";
import { useNow } from "./use-now";

/** "3 m ago" that stays true while the page is open (the shared clock in use-now.ts), the exact time in a tooltip. */
export function RelativeTime({ value, className }: { value: string | number; className?: string }) {
  const now = useNow();
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return <span className={className}>—</span>;
  const exact = formatDateTime(date);
  return (
    <time dateTime={date.toISOString()} title={exact} className={className}>
      {now === 0 ? exact : formatAgo(date, now)}
    </time>
  );
}
