import Link from "next/link";
import { BadgeList } from "@/components/ui/badge-list";
import { RelativeTime } from "@/components/ui/relative-time";
import { TBody, THeadRow, Table, TableSkeleton, Td, Tr, columnClass, type Column } from "@/components/ui/table";
import { formatDateTime } from "@/components/ui/time-format";
import type { CredentialListItem } from "@/lib/schemas/credential";
import { ExpiryBadge, KindBadge } from "./credential-kind";
import { HealthBadge, LastKnownOrg } from "./health-badge";
import { issuerHost } from "./issuer-host";
import { serviceUserIdentity } from "./service-user";

// On a phone the list shows what an operator scans for, the label, the status and the organization it last reached,
// without scrolling sideways; the client ID moves under the label, and issuer, tags, expiry and times wait for a wider
// screen. The kind and an expired or expiring key or token sit under the status: both say whether it will work.
const WIDE = "hidden sm:table-cell";
const WIDER = "hidden lg:table-cell";
const COLUMNS = [
  "Label",
  { label: "Client ID", className: WIDE },
  { label: "Issuer", className: WIDER },
  { label: "Tags", className: WIDER },
  "Status",
  { label: "Organization", className: WIDE },
  { label: "Expires", className: WIDER },
  { label: "Last checked", className: WIDE },
] as const satisfies readonly Column[];

const [, CLIENT_ID, ISSUER, TAGS, , ORG, EXPIRES, CHECKED] = COLUMNS.map(columnClass);

/** Rows picked for "Test selected"; the checkboxes wait for a wider screen, like the other secondary columns. */
export interface RowSelection {
  selected: ReadonlySet<string>;
  onToggle: (id: string, isSelected: boolean) => void;
}

const SELECT_COLUMN = { label: "Select", className: `${WIDE} w-8` } as const;

export function CredentialTable({ items, caption, selection }: { items: CredentialListItem[]; caption: string; selection?: RowSelection }) {
  return (
    <Table scrollLabel={caption}>
      <caption className="sr-only">{caption}</caption>
      <THeadRow columns={selection ? [SELECT_COLUMN, ...COLUMNS] : COLUMNS} />
      <TBody>
        {items.map((item) => (
          <Tr key={item.id} data-testid="credential-row">
            {selection ? (
              <Td className={SELECT_COLUMN.className}>
                <input
                  type="checkbox"
                  aria-label={`Select ${item.label}`}
                  checked={selection.selected.has(item.id)}
                  onChange={(event) => selection.onToggle(item.id, event.target.checked)}
                  className="size-4 accent-indigo-600"
                />
              </Td>
            ) : null}
            <Td className="max-w-64 break-words">
              <Link
                href={`/credentials/${item.id}`}
                className="font-medium text-zinc-900 hover:text-indigo-600 hover:underline dark:text-zinc-100 dark:hover:text-indigo-400"
              >
                {item.label}
              </Link>
              {serviceUserIdentity(item).name ? (
                <span className="block font-mono text-xs break-all text-zinc-600 sm:hidden dark:text-zinc-400">
                  {serviceUserIdentity(item).name}
                </span>
              ) : null}
            </Td>
            <Td className={`${CLIENT_ID} max-w-56 text-xs`}>
              <ServiceUserCell item={item} />
            </Td>
            <Td className={`${ISSUER} text-zinc-600 dark:text-zinc-400`} title={item.issuer}>
              {issuerHost(item.issuer)}
            </Td>
            <Td className={TAGS}>
              <BadgeList items={item.tags} label="Tags" tone="accent" />
            </Td>
            <Td className="min-w-32" data-testid="credential-last-result">
              <HealthBadge health={item.health} />
              {item.health.lastKnownOrg ? (
                <span className="mt-0.5 block text-sm sm:hidden">
                  <LastKnownOrg health={item.health} showId={false} />
                </span>
              ) : null}
              <span className="mt-1 flex flex-wrap gap-1">
                <KindBadge kind={item.kind} />
                <ExpiryBadge expiry={item.expiry} expiresAt={item.expiresAt} />
              </span>
            </Td>
            <Td className={`${ORG} max-w-48 text-sm`}>
              <LastKnownOrg health={item.health} />
            </Td>
            <Td className={`${EXPIRES} whitespace-nowrap text-zinc-600 dark:text-zinc-400`}>
              {item.expiresAt ? (
                <time dateTime={item.expiresAt}>{formatDateTime(item.expiresAt)}</time>
              ) : (
                <span className="text-xs">—</span>
              )}
            </Td>
            <Td className={`${CHECKED} whitespace-nowrap text-zinc-600 dark:text-zinc-400`}>
              {item.health.lastCheckedAt ? <RelativeTime value={item.health.lastCheckedAt} /> : <span className="text-xs">never</span>}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}

export function CredentialTableSkeleton() {
  return <TableSkeleton columns={COLUMNS} rows={5} label="Loading credentials…" />;
}

/** The login name when known; a key's user id and a PAT's "none" below it. A PAT's internal id means nothing to anyone. */
function ServiceUserCell({ item }: { item: CredentialListItem }) {
  const { name, detail } = serviceUserIdentity(item);
  return (
    <span data-testid="credential-service-user">
      {name ? (
        <span className="block truncate font-mono text-zinc-700 dark:text-zinc-300" title={name}>
          {name}
        </span>
      ) : null}
      {detail ? <span className="block truncate text-zinc-600 dark:text-zinc-400">{detail}</span> : null}
    </span>
  );
}
