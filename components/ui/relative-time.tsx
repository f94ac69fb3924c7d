"use client";

import { useSyncExternalStore } from "react";

// One shared ticker for every relative time on the page, so "3 min ago" stays true while the page is open.

let now = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      listeners.forEach((notify) => notify());
    }, 30_000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

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
  const reference = useSyncExternalStore(subscribe, () => now, () => 0);
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return <span className={className}>—</span>;
  return (
    <time dateTime={value} title={absolute.format(date)} className={className}>
      {reference === 0 ? absolute.format(date) : formatRelative(date, reference)}
    </time>
  );
}
