import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import type { LastTest } from "@/lib/schemas/credential";

// Small pieces the list and the detail page share.

export function issuerHost(issuer: string): string {
  try {
    return new URL(issuer).host;
  } catch {
    return issuer;
  }
}

export function TagList({ tags, empty = "—" }: { tags: string[]; empty?: string }) {
  if (tags.length === 0) return <span className="text-zinc-400 dark:text-zinc-500">{empty}</span>;
  return (
    <ul className="flex flex-wrap gap-1" aria-label="Tags">
      {tags.map((tag) => (
        <li key={tag}>
          <Badge tone="accent">{tag}</Badge>
        </li>
      ))}
    </ul>
  );
}

export function ScopeList({ scopes }: { scopes: string }) {
  return (
    <ul className="flex flex-wrap gap-1.5" aria-label="Scopes">
      {scopes.split(" ").map((scope) => (
        <li key={scope}>
          <Badge className="font-mono font-normal">{scope}</Badge>
        </li>
      ))}
    </ul>
  );
}

/** The last token test or org lookup: outcome, the organization it reached, and when. */
export function LastTestSummary({ lastTest }: { lastTest: LastTest | null }) {
  if (!lastTest) return <span className="text-sm text-zinc-400 dark:text-zinc-500">Not tested yet</span>;
  const isOk = lastTest.outcome === "ok";
  return (
    <div className="space-y-0.5 text-sm">
      <div className="flex items-center gap-1.5">
        <Badge tone={isOk ? "success" : "danger"}>{isOk ? "OK" : lastTest.outcome}</Badge>
        {lastTest.orgName ? <span className="truncate text-zinc-700 dark:text-zinc-300">{lastTest.orgName}</span> : null}
      </div>
      <RelativeTime value={lastTest.at} className="block text-xs text-zinc-500 dark:text-zinc-400" />
    </div>
  );
}
