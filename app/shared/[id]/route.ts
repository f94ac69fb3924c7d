// GET /shared/:id — a shared report, read-only and without sign-in, while its link lives; 410 once expired or revoked
import { createHash } from "node:crypto";
import { SHARED_PATH, viewShareLink, type SharedReport } from "@/lib/server/share-links";
import { isStoreUnavailable } from "@/lib/server/store";

// A plain page outside the console (proxy.ts leaves this path alone): no script, no console chrome, nothing cached
// or indexed, one hashed stylesheet. The report was redacted and frozen when the link was made.

const STYLE =
  "body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#18181b}" +
  "pre{white-space:pre-wrap;word-break:break-word;background:#f4f4f5;padding:1rem;border-radius:.5rem;font-size:14px}" +
  "p.meta{color:#52525b;font-size:14px}";
const STYLE_HASH = createHash("sha256").update(STYLE).digest("base64");

const HEADERS = {
  "Content-Type": "text/html; charset=utf-8",
  "Cache-Control": "no-store",
  "X-Robots-Tag": "noindex, nofollow",
  "Referrer-Policy": "no-referrer",
  "Content-Security-Policy": `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
};

export async function GET(request: Request): Promise<Response> {
  // Left encoded: a link id is URL-safe as made, and anything else (a stray %) is simply no such link.
  const linkId = new URL(request.url).pathname.slice(SHARED_PATH.length);
  let report: SharedReport;
  try {
    report = await viewShareLink(linkId);
  } catch (error) {
    if (!isStoreUnavailable(error)) throw error;
    return page(503, "Try again shortly", "M2M Console cannot read its store right now.");
  }
  if (report.state === "gone") return page(410, "This link is gone", "It expired or was revoked. Ask whoever shared it for a new one.");
  if (report.state === "unknown") return page(404, "No such link", "Check that the whole address was copied.");
  const expires = `Shared from M2M Console; this link expires ${report.expiresAt}.`;
  return page(200, report.title, expires, `<pre data-testid="shared-report">${escapeHtml(report.markdown)}</pre>`);
}

function page(status: number, title: string, text: string, body = ""): Response {
  const html =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex, nofollow">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>` +
    `<style>${STYLE}</style></head><body><main><h1>${escapeHtml(title)}</h1><p class="meta">${escapeHtml(text)}</p>${body}</main></body></html>`;
  return new Response(html, { status, headers: HEADERS });
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
