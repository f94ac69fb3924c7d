import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import type { LastTest } from "@/lib/schemas/credential";

/** The last token test or org lookup: outcome, the organization it reached, and when. */
export function LastTestSummary({ lastTest }: { lastTest: LastTest | null }) {
  if (!lastTest) return <span className="text-sm text-zinc-600 dark:text-zinc-400">Not tested yet</span>;
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
