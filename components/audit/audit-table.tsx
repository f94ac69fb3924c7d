import Link from "next/link";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { TBody, THeadRow, Table, TableSkeleton, Td, Tr, columnClass, type Column } from "@/components/ui/table";
import { formatDateTime } from "@/components/ui/time-format";
import type { AuditEvent } from "@/lib/schemas/audit";
import { actionLabel, refusalReason } from "./audit-labels";

// On a phone: when, what and how it ended, without scrolling sideways; who and which credential move under the
// action, and the HTTP status waits for a wider screen.
const WIDE = "hidden sm:table-cell";
const COLUMNS = [
  "Time",
  { label: "Operator", className: WIDE },
  "Action",
  { label: "Credential", className: WIDE },
  "Outcome",
  { label: "HTTP status", className: "hidden md:table-cell" },
] as const satisfies readonly Column[];

const [, OPERATOR, , CREDENTIAL, , HTTP_STATUS] = COLUMNS.map(columnClass);

const OUTCOME_TONES: Record<AuditEvent["outcome"], BadgeTone> = { success: "success", failure: "danger", denied: "warning" };

function host(issuer: string): string {
  try {
    return new URL(issuer).host;
  } catch {
    return issuer;
  }
}

export function AuditTable({ events }: { events: AuditEvent[] }) {
  return (
    <Table scrollLabel="Audit log">
      <caption className="sr-only">Audit log, newest first</caption>
      <THeadRow columns={COLUMNS} />
      <TBody>
        {events.map((event) => {
          const reason = event.outcome === "success" ? null : refusalReason(event.detail);
          const isAutomatic = event.action === "org.lookup" && event.detail?.trigger === "auto";
          return (
            <Tr key={event.id} data-testid="audit-row">
              {/* The exact time first (an audit is read for when), how long ago beside it. */}
              <Td className="sm:whitespace-nowrap">
                <time dateTime={event.at} className="block text-zinc-800 dark:text-zinc-200">
                  {formatDateTime(event.at)}
                </time>
                <RelativeTime value={event.at} className="block text-xs text-zinc-500 dark:text-zinc-400" />
              </Td>
              <Td className={OPERATOR}>
                <span title={event.actor}>{event.actorName ?? event.actor}</span>
                {event.actorKind === "machine" ? <span className="ml-1 text-xs text-zinc-500 dark:text-zinc-400">(machine)</span> : null}
                {event.ip ? <span className="block font-mono text-xs text-zinc-500 dark:text-zinc-400">{event.ip}</span> : null}
              </Td>
              <Td>
                <span className="font-medium">{actionLabel(event.action)}</span>
                {isAutomatic ? (
                  <span
                    className="ml-2"
                    title="The credential page looked this up on its own (on open, on focus or every 30 s), not an operator's click"
                  >
                    <Badge tone="neutral">automatic</Badge>
                  </span>
                ) : null}
                {/* The action's code is for wider screens: on a phone its label says the same without a long unbreakable word. */}
                <span className="hidden font-mono text-xs text-zinc-500 sm:block dark:text-zinc-400">{event.action}</span>
                <span className="mt-1 block text-xs text-zinc-600 sm:hidden dark:text-zinc-400">
                  by {event.actorName ?? event.actor}
                  {event.clientId ? (
                    <>
                      {" · "}
                      <CredentialCell event={event} />
                    </>
                  ) : null}
                </span>
              </Td>
              <Td className={`${CREDENTIAL} max-w-72`}>
                {event.clientId ? <CredentialCell event={event} /> : <span className="text-zinc-600 dark:text-zinc-400">—</span>}
              </Td>
              <Td>
                <Badge tone={OUTCOME_TONES[event.outcome]}>{event.outcome}</Badge>
                {reason ? (
                  <span className="block text-xs text-zinc-600 dark:text-zinc-400" data-testid="audit-reason">
                    {reason}
                  </span>
                ) : null}
              </Td>
              <Td className={`${HTTP_STATUS} font-mono text-zinc-600 dark:text-zinc-400`}>{event.httpStatus ?? "—"}</Td>
            </Tr>
          );
        })}
      </TBody>
    </Table>
  );
}

/** A link only to a credential that exists now: a refused duplicate, a failed import or a deleted one is named, not linked. */
function CredentialCell({ event }: { event: AuditEvent }) {
  const text = (
    <>
      <span className="font-mono text-xs">{event.clientId}</span>
      {event.issuer ? <span className="text-zinc-500 dark:text-zinc-400"> @ {host(event.issuer)}</span> : null}
    </>
  );
  if (!event.credentialId || !event.credentialExists) return <span className="break-all">{text}</span>;
  return (
    <Link href={`/credentials/${event.credentialId}`} className="break-all hover:underline">
      {text}
    </Link>
  );
}

export function AuditTableSkeleton() {
  return <TableSkeleton columns={COLUMNS} rows={6} label="Loading the audit log…" />;
}
