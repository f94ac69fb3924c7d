import Link from "next/link";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { TBody, THeadRow, Table, TableSkeleton, Td, Tr, columnClass, type Column } from "@/components/ui/table";
import type { AuditEvent } from "@/lib/schemas/audit";

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

const ACTION_LABELS: Record<string, string> = {
  "credential.create": "Registered",
  "credential.update": "Edited",
  "credential.secret.replace": "Replaced secret",
  "credential.delete": "Deleted",
  "credential.import": "Imported",
  "token.test": "Tested token",
  "org.lookup": "Looked up organization",
  "token.reveal": "Revealed token",
  "key.rotate": "Rotated key",
  "login.success": "Signed in",
  "login.failure": "Sign-in failed",
  logout: "Signed out",
};

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
    <Table>
      <caption className="sr-only">Audit log, newest first</caption>
      <THeadRow columns={COLUMNS} />
      <TBody>
        {events.map((event) => (
          <Tr key={event.id} data-testid="audit-row">
            <Td className="text-zinc-600 sm:whitespace-nowrap dark:text-zinc-400">
              <RelativeTime value={event.at} />
            </Td>
            <Td className={OPERATOR}>
              <span title={event.actor}>{event.actorName ?? event.actor}</span>
              {event.ip ? <span className="block font-mono text-xs text-zinc-500 dark:text-zinc-400">{event.ip}</span> : null}
            </Td>
            <Td>
              <span className="font-medium">{ACTION_LABELS[event.action] ?? event.action}</span>
              <span className="block font-mono text-xs text-zinc-500 dark:text-zinc-400">{event.action}</span>
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
              {event.clientId ? (
                <CredentialCell event={event} />
              ) : (
                <span className="text-zinc-600 dark:text-zinc-400">—</span>
              )}
            </Td>
            <Td>
              <Badge tone={OUTCOME_TONES[event.outcome]}>{event.outcome}</Badge>
              {typeof event.detail?.reason === "string" ? (
                <span className="block text-xs text-zinc-500 dark:text-zinc-400">{event.detail.reason.replace(/_/g, " ")}</span>
              ) : null}
            </Td>
            <Td className={`${HTTP_STATUS} font-mono text-zinc-600 dark:text-zinc-400`}>{event.httpStatus ?? "—"}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}

function CredentialCell({ event }: { event: AuditEvent }) {
  const text = (
    <>
      <span className="font-mono text-xs">{event.clientId}</span>
      {event.issuer ? <span className="text-zinc-500 dark:text-zinc-400"> @ {host(event.issuer)}</span> : null}
    </>
  );
  if (!event.credentialId || event.action === "credential.delete") return <span className="break-all">{text}</span>;
  return (
    <Link href={`/credentials/${event.credentialId}`} className="break-all hover:underline">
      {text}
    </Link>
  );
}

export function AuditTableSkeleton() {
  return <TableSkeleton columns={COLUMNS} rows={6} label="Loading the audit log…" />;
}
