// Times as the console shows them: one date-time style everywhere, and one "ago" for every time that ticks.
import { formatDuration } from "@/lib/duration";

const dateTime = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "medium" });

/** "Mar 3, 2026, 10:04:05 AM" in the browser's time zone; "—" for no value or one that is not a date. */
export function formatDateTime(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined) return "—";
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? "—" : dateTime.format(date);
}

/** "12 s ago", "3 m ago" (lib/duration.ts), "5 h ago", "yesterday", "3 days ago"; a week on, the date and time itself. */
export function formatAgo(value: string | number | Date, now: number): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return "—";
  // A time slightly ahead of this browser's clock (the server's) is not in the future for the operator.
  const seconds = Math.max(0, Math.floor((now - date.getTime()) / 1000));
  if (seconds < 24 * 60 * 60) return `${formatDuration(seconds * 1000, { parts: 1 })} ago`;
  const days = Math.floor(seconds / (24 * 60 * 60));
  if (days < 2) return "yesterday";
  if (days < 7) return `${days} days ago`;
  return dateTime.format(date);
}
