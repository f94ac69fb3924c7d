"use client";

import { useEffect, useRef, type ReactNode } from "react";

// A card that opens on demand: the title and what is inside, a chevron that turns. Its content is the caller's; a
// caller that renders its content on first open listens to onOpen, which also fires when the card was opened before
// the page hydrated (the browser opens a <details> without React).

interface DisclosureProps {
  title: string;
  description: string;
  testId?: string;
  onOpen?: () => void;
  children: ReactNode;
}

export function Disclosure({ title, description, testId, onOpen, children }: DisclosureProps) {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (ref.current?.open) onOpen?.();
    // Once, on mount: later openings arrive as toggle events.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <details
      ref={ref}
      onToggle={(event) => {
        if (event.currentTarget.open) onOpen?.();
      }}
      className="group rounded-xl border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
      data-testid={testId}
    >
      <summary className="flex cursor-pointer list-none items-center gap-3 rounded-xl px-5 py-4 hover:bg-zinc-50 dark:hover:bg-zinc-800/40 [&::-webkit-details-marker]:hidden">
        <svg
          aria-hidden
          viewBox="0 0 16 16"
          className="size-4 shrink-0 text-zinc-500 transition-transform group-open:rotate-90"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.75"
        >
          <path d="M6 3.5 10.5 8 6 12.5" />
        </svg>
        <span className="flex-1">
          <span className="block text-base font-semibold">{title}</span>
          <span className="block text-sm text-zinc-500 dark:text-zinc-400">{description}</span>
        </span>
      </summary>
      {children}
    </details>
  );
}
