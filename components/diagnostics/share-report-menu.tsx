"use client";

import { useState } from "react";
import { ErrorState } from "@/components/ui/error-state";
import type { ShareSource } from "@/lib/client/use-share-links";
import { ShareLinks } from "./share-links";

// "Share report": a check, an introspection or a run as Markdown, JSON or a page to print, built from the redacted
// results the page holds (or, for a run, that the server builds); and, for an operator, an expiring link to it.

export interface SharedReportText {
  markdown: string;
  json: unknown;
}

interface ShareReportMenuProps {
  /** What the report holds, in a sentence fragment: "The token test and organization lookup above". */
  what: string;
  fileBase: string;
  report: () => SharedReportText | Promise<SharedReportText>;
  /** What a link would show; null where links are not offered (an introspection, or below the operator role). */
  link: (ShareSource & { note: string }) | null;
  testId?: string;
}

export function ShareReportMenu({ what, fileBase, report, link, testId = "share-report" }: ShareReportMenuProps) {
  const [error, setError] = useState<unknown>(null);
  const base = `m2m-report-${slug(fileBase)}`;
  async function act(deliver: (text: SharedReportText) => void) {
    setError(null);
    try {
      deliver(await report());
    } catch (caught) {
      setError(caught);
    }
  }
  return (
    <details
      className="rounded-xl border border-zinc-200 bg-white px-5 py-3 shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
      data-testid={testId}
    >
      <summary className="cursor-pointer text-base font-semibold">Share report</summary>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
        {what}, redacted: secrets, tokens and signed assertions appear only as placeholders.
      </p>
      <div className="mt-3 flex flex-wrap gap-2">
        <ReportButton
          label="Download Markdown"
          onClick={() => void act((text) => download(`${base}.md`, "text/markdown", text.markdown))}
        />
        <ReportButton
          label="Download JSON"
          onClick={() => void act((text) => download(`${base}.json`, "application/json", `${JSON.stringify(text.json, null, 2)}\n`))}
        />
        <ReportButton label="Printable page" onClick={() => void act((text) => openPrintable(text.markdown))} />
      </div>
      {error ? (
        <div className="mt-3">
          <ErrorState error={error} title="The report could not be made" />
        </div>
      ) : null}
      {link ? <ShareLinks source={link} note={link.note} /> : null}
    </details>
  );
}

function ReportButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button
      type="button"
      onClick={onClick}
      className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
    >
      {label}
    </button>
  );
}

function download(name: string, type: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** The Markdown as a plain page in a new tab, ready for the browser's print dialog. */
function openPrintable(markdown: string) {
  const escaped = markdown.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>M2M Console check report</title></head><body><pre>${escaped}</pre></body></html>`;
  const url = URL.createObjectURL(new Blob([html], { type: "text/html" }));
  window.open(url, "_blank", "noopener");
}

function slug(label: string): string {
  return (
    label
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 40) || "credential"
  );
}
