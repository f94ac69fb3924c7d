"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import type { Transcript } from "@/lib/schemas/diagnostics";
import { Disclosure } from "./disclosure";

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
    <Disclosure
      title="Exchange and curl"
      description="The token request and response, and curl commands to repeat them"
      testId="exchange-panel"
      onOpen={() => setOpened(true)}
    >
      {/* The body (and its code) loads when first opened: most visits never open it. */}
      {hasOpened ? (
        <ExchangeBody transcript={transcript} assertion={assertion} isPat={isPat} tokenCurl={tokenCurl} orgCurl={orgCurl} />
      ) : null}
    </Disclosure>
  );
}
