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
// without scrolling sideways; the client ID moves under the label, and tags, expiry and times wait for a wider screen.
// The kind and an expired or expiring key or token sit under the status: both say whether it will work. The page is
// never wider than the console's column, so on the widest screen too every column must fit it: the issuer sits under
// the client ID, and long names are cut (in full in their title) rather than widening the table.
const WIDE = "hidden sm:table-cell";
const WIDER = "hidden lg:table-cell";
const COLUMNS = [
  "Label",
  { label: "Client ID · issuer", className: WIDE },
  { label: "Tags", className: WIDER },
  "Status",
  { label: "Organization", className: WIDE },
  { label: "Expires", className: WIDER },
  { label: "Last checked", className: WIDE },
] as const satisfies readonly Column[];

const [, CLIENT_ID, TAGS, , ORG, EXPIRES, CHECKED] = COLUMNS.map(columnClass);

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
            <Td className="max-w-56 [overflow-wrap:anywhere]">
              {/* A link looks like one: coloured and underlined, not only on hover. */}
              <Link
                href={`/credentials/${item.id}`}
                className="font-medium text-indigo-700 underline decoration-indigo-300 underline-offset-2 hover:decoration-indigo-700 dark:text-indigo-300 dark:decoration-indigo-700 dark:hover:decoration-indigo-300"
              >
                {item.label}
              </Link>
              {serviceUserIdentity(item).name ? (
                <span className="block font-mono text-xs break-all text-zinc-600 sm:hidden dark:text-zinc-400">
                  {serviceUserIdentity(item).name}
                </span>
              ) : null}
            </Td>
            <Td className={`${CLIENT_ID} text-xs`}>
              <ServiceUserCell item={item} />
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
            <Td className={`${ORG} text-sm`}>
              <LastKnownOrg health={item.health} />
            </Td>
            <Td className={`${EXPIRES} text-xs text-zinc-600 dark:text-zinc-400`}>
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

/**
 * The login name when known; a key's user id and a PAT's "none" below it (a PAT's internal id means nothing to anyone);
 * then the issuer. A cell's max-width does not bound a table column, so the block inside it does.
 */
function ServiceUserCell({ item }: { item: CredentialListItem }) {
  const { name, detail } = serviceUserIdentity(item);
  return (
    <span className="block max-w-44">
      <span data-testid="credential-service-user">
        {name ? (
          <span className="block truncate font-mono text-zinc-700 dark:text-zinc-300" title={name}>
            {name}
          </span>
        ) : null}
        {detail ? <span className="block truncate text-zinc-600 dark:text-zinc-400">{detail}</span> : null}
      </span>
      <span className="block truncate text-zinc-500 dark:text-zinc-400" title={item.issuer} data-testid="credential-issuer">
        {issuerHost(item.issuer)}
      </span>
    </span>
  );
}
