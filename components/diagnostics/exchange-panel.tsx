"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import type { Transcript } from "@/lib/schemas/diagnostics";

// The last exchange as it went over the wire (secret and token already redacted by the server) and the curl
// commands that repeat it, for a ticket or a terminal.

const ExchangeBody = dynamic(() => import("./exchange-body").then((loaded) => loaded.ExchangeBody), {
  loading: () => (
    <p role="status" className="border-t border-zinc-100 p-5 text-sm text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
      Loading…
    </p>
  ),
});

/** A JWT-profile exchange's assertion, decoded by the server: what was signed, never the signed token itself. */
export interface AssertionView {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
}

export interface ExchangePanelProps {
  transcript: Transcript | null | undefined;
  assertion?: AssertionView | null;
  /** The last test read a personal access token: nothing was exchanged, its curl is the lookup with the PAT. */
  isPat?: boolean;
  tokenCurl: string | undefined;
  orgCurl: string | undefined;
}

export function ExchangePanel({ transcript, assertion, isPat = false, tokenCurl, orgCurl }: ExchangePanelProps) {
  const [hasOpened, setOpened] = useState(false);
  return (
    <details
      onToggle={(event) => {
        if (event.currentTarget.open) setOpened(true);
      }}
      className="group rounded-xl border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
      data-testid="exchange-panel"
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
          <span className="block text-base font-semibold">Exchange and curl</span>
          <span className="block text-sm text-zinc-500 dark:text-zinc-400">
            The token request and response, and curl commands to repeat them
          </span>
        </span>
      </summary>
      {/* The body (and its code) loads when first opened: most visits never open it. */}
      {hasOpened ? (
        <ExchangeBody transcript={transcript} assertion={assertion} isPat={isPat} tokenCurl={tokenCurl} orgCurl={orgCurl} />
      ) : null}
    </details>
  );
}
