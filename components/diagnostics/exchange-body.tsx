"use client";

import type { ReactNode } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { requestText, responseText } from "@/lib/reports/exchange-text";
import type { ExchangePanelProps } from "./exchange-panel";

// The exchange panel's body: the request and response as they went over the wire and the curl commands.

export function ExchangeBody({ transcript, assertion, isPat = false, tokenCurl, orgCurl }: ExchangePanelProps) {
  return (
    <div className="space-y-6 border-t border-zinc-100 p-5 dark:border-zinc-800">
      {isPat ? (
        <Note>A personal access token is not exchanged: there was no token request. ZITADEL&apos;s APIs take it as it is.</Note>
      ) : transcript ? (
        <div className="grid gap-4 lg:grid-cols-2">
          <CodeBlock title="Request" copyLabel="Copy the request" text={requestText(transcript.request)} />
          {transcript.response ? (
            <CodeBlock title="Response" copyLabel="Copy the response" text={responseText(transcript.response)} />
          ) : (
            <Note>No response arrived.</Note>
          )}
        </div>
      ) : (
        <Note>{tokenCurl ? "This test failed before a request was sent." : "Run a token test to see its exchange."}</Note>
      )}
      {assertion ? (
        <div className="space-y-2" data-testid="exchange-assertion">
          <div className="grid gap-4 lg:grid-cols-2">
            <CodeBlock title="Assertion header" copyLabel="Copy the assertion header" text={JSON.stringify(assertion.header, null, 2)} />
            <CodeBlock title="Assertion claims" copyLabel="Copy the assertion claims" text={JSON.stringify(assertion.claims, null, 2)} />
          </div>
          <Note>
            The assertion was signed (RS256) with the key file&apos;s private key and is redacted in the request above. To repeat the
            exchange, sign these claims with the key file, with a fresh iat and exp, and send it as the assertion.
          </Note>
        </div>
      ) : null}
      {tokenCurl && !isPat ? <CodeBlock title="curl: token request" copyLabel="Copy the token curl command" text={tokenCurl} /> : null}
      {orgCurl ? <CodeBlock title="curl: organization lookup" copyLabel="Copy the organization curl command" text={orgCurl} /> : null}
    </div>
  );
}

/** A titled block of code with a copy button; it scrolls when long, and takes focus so a keyboard can scroll it. */
export function CodeBlock({ title, copyLabel, text }: { title: string; copyLabel: string; text: string }) {
  return (
    <figure className="min-w-0">
      <figcaption className="mb-1.5 flex items-center justify-between gap-2">
        <span className="text-sm font-semibold text-zinc-800 dark:text-zinc-200">{title}</span>
        <CopyButton value={text} label={copyLabel} />
      </figcaption>
      <pre
        tabIndex={0}
        aria-label={title}
        className="max-h-96 overflow-auto rounded-lg bg-zinc-950 p-4 font-mono text-xs leading-relaxed break-all whitespace-pre-wrap text-zinc-100 dark:bg-black/60"
      >
        {text}
      </pre>
    </figure>
  );
}

function Note({ children }: { children: ReactNode }) {
  return <p className="text-sm text-zinc-500 dark:text-zinc-400">{children}</p>;
}
