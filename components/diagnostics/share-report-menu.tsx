"use client";

import { useMe } from "@/lib/client/use-me";
import { buildReportJson, buildReportMarkdown, type ReportInput } from "@/lib/reports/check-report";
import type { CredentialDto } from "@/lib/schemas/credential";
import type { OrgLookupResult, TokenTestResult } from "@/lib/schemas/diagnostics";

// "Share report": the shown token test and org lookup as Markdown, JSON or a page to print, made in the browser from
// the redacted results it already holds (nothing more is fetched, nothing is stored).

interface ShareReportMenuProps {
  credential: CredentialDto;
  tokenTest: TokenTestResult | null | undefined;
  orgLookup: OrgLookupResult | null | undefined;
}

export function ShareReportMenu({ credential, tokenTest, orgLookup }: ShareReportMenuProps) {
  const by = useMe().me?.name ?? "an operator";
  if (!tokenTest && !orgLookup) return null;
  const input = (): ReportInput => ({ credential, tokenTest: tokenTest ?? null, orgLookup: orgLookup ?? null, by, now: new Date() });
  const base = `m2m-report-${slug(credential.label)}`;
  return (
    <details
      className="rounded-xl border border-zinc-200 bg-white px-5 py-3 shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
      data-testid="share-report"
    >
      <summary className="cursor-pointer text-base font-semibold">Share report</summary>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
        The token test and organization lookup above, redacted: secrets, tokens and signed assertions appear only as placeholders.
      </p>
      <div className="mt-3 flex flex-wrap gap-2">
        <ReportButton label="Download Markdown" onClick={() => download(`${base}.md`, "text/markdown", buildReportMarkdown(input()))} />
        <ReportButton
          label="Download JSON"
          onClick={() => download(`${base}.json`, "application/json", `${JSON.stringify(buildReportJson(input()), null, 2)}\n`)}
        />
        <ReportButton label="Printable page" onClick={() => openPrintable(buildReportMarkdown(input()))} />
      </div>
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
