"use client";

import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { ErrorState } from "@/components/ui/error-state";
import { Select } from "@/components/ui/select";
import { formatDateTime } from "@/components/ui/time-format";
import { useShareLinks, type ShareSource } from "@/lib/client/use-share-links";
import { DEFAULT_SHARE_LINK_HOURS, SHARE_LINK_EXPIRIES, type CreatedShareLink, type ShareLinkDto } from "@/lib/schemas/share-links";

// Links to this report: make one with an expiry (its address is shown once, here), see who made which and how often
// each was opened, and revoke one (its maker or an admin).

const STATE_TONES = { live: "success", expired: "neutral", revoked: "danger" } as const;

export function ShareLinks({ source, note }: { source: ShareSource; note: string }) {
  const { links, error, create, revoke } = useShareLinks(source);
  const [hours, setHours] = useState<number>(DEFAULT_SHARE_LINK_HOURS);
  const [created, setCreated] = useState<CreatedShareLink | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [isBusy, setIsBusy] = useState(false);

  async function run(action: () => Promise<unknown>) {
    setIsBusy(true);
    setActionError(null);
    try {
      await action();
    } catch (caught) {
      setActionError(caught);
    } finally {
      setIsBusy(false);
    }
  }

  return (
    <div className="mt-4 space-y-3 border-t border-zinc-100 pt-4 dark:border-zinc-800" data-testid="share-links">
      <h3 className="text-sm font-semibold">Share link</h3>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {note} Anyone with the link can read it, without signing in, until it expires or is revoked.
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <label className="text-sm" htmlFor={`share-expiry-${source.sourceId}`}>
          Expires after
        </label>
        <Select
          id={`share-expiry-${source.sourceId}`}
          value={hours}
          onChange={(event) => setHours(Number(event.target.value))}
          className="w-auto"
        >
          {SHARE_LINK_EXPIRIES.map((expiry) => (
            <option key={expiry.hours} value={expiry.hours}>
              {expiry.label}
            </option>
          ))}
        </Select>
        <Button size="sm" disabled={isBusy} onClick={() => void run(async () => setCreated(await create(hours)))}>
          Create link
        </Button>
      </div>
      {created ? (
        <div className="rounded-lg border border-emerald-200 bg-emerald-50 p-3 text-sm dark:border-emerald-900 dark:bg-emerald-950">
          <p>Copy the link now: it is shown only once. It expires {formatDateTime(created.link.expiresAt)}.</p>
          <div className="mt-2 flex items-center gap-2">
            <input
              readOnly
              value={created.url}
              aria-label="Share link"
              data-testid="share-link-url"
              className="h-9 min-w-0 flex-1 rounded-md border border-zinc-300 bg-white px-2 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-900"
              onFocus={(event) => event.currentTarget.select()}
            />
            <CopyButton value={created.url} label="Copy the share link" />
          </div>
        </div>
      ) : null}
      {actionError ? <ErrorState error={actionError} title="The link could not be changed" /> : null}
      {error ? <ErrorState error={error} title="The links could not be loaded" /> : null}
      {links && links.length > 0 ? (
        <ul className="divide-y divide-zinc-100 text-sm dark:divide-zinc-800" aria-label="Links to this report">
          {links.map((link) => (
            <LinkRow key={link.id} link={link} isBusy={isBusy} onRevoke={() => void run(() => revoke(link.id))} />
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function LinkRow({ link, isBusy, onRevoke }: { link: ShareLinkDto; isBusy: boolean; onRevoke: () => void }) {
  return (
    <li className="flex flex-wrap items-center gap-2 py-2" data-testid="share-link" data-state={link.state}>
      <Badge tone={STATE_TONES[link.state]}>{link.state === "live" ? "Live" : link.state === "expired" ? "Expired" : "Revoked"}</Badge>
      <span className="min-w-0 flex-1">
        Made {formatDateTime(link.createdAt)} by {link.createdBy.name ?? link.createdBy.id}; {link.state === "live" ? "expires" : "expired"}{" "}
        {formatDateTime(link.revokedAt ?? link.expiresAt)} · opened {link.viewCount} {link.viewCount === 1 ? "time" : "times"}
      </span>
      {link.canRevoke ? (
        <Button size="sm" variant="danger" disabled={isBusy} onClick={onRevoke}>
          Revoke
        </Button>
      ) : null}
    </li>
  );
}
