"use client";

import { useNow } from "./use-now";

// "3 min ago" that stays true while the page is open (the shared clock in use-now.ts).

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const absolute = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });
const dateOnly = new Intl.DateTimeFormat("en", { dateStyle: "medium" });

export function formatRelative(date: Date, reference: number): string {
  const elapsed = reference - date.getTime();
  if (elapsed < 45_000) return "just now";
  if (elapsed < HOUR) return `${Math.max(1, Math.round(elapsed / MINUTE))} min ago`;
  if (elapsed < DAY) return `${Math.round(elapsed / HOUR)} h ago`;
  if (elapsed < 2 * DAY) return "yesterday";
  if (elapsed < 7 * DAY) return `${Math.floor(elapsed / DAY)} days ago`;
  return dateOnly.format(date);
}

/** "3 min ago", with the exact time in a tooltip and in `dateTime`. */
export function RelativeTime({ value, className }: { value: string; className?: string }) {
  const reference = useNow();
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return <span className={className}>—</span>;
  return (
    <time dateTime={value} title={absolute.format(date)} className={className}>
      {reference === 0 ? absolute.format(date) : formatRelative(date, reference)}
    </time>
  );
}
