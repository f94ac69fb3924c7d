import Link from "next/link";
import { BadgeList } from "@/components/ui/badge-list";
import { RelativeTime } from "@/components/ui/relative-time";
import { TBody, THeadRow, Table, TableSkeleton, Td, Tr } from "@/components/ui/table";
import type { CredentialListItem } from "@/lib/schemas/credential";
import { issuerHost } from "./issuer-host";
import { LastTestSummary } from "./last-test-summary";

const COLUMNS = ["Label", "Client ID", "Issuer", "Tags", "Last result", "Updated"] as const;

export function CredentialTable({ items, caption }: { items: CredentialListItem[]; caption: string }) {
  return (
    <Table>
      <caption className="sr-only">{caption}</caption>
      <THeadRow columns={COLUMNS} />
      <TBody>
        {items.map((item) => (
          <Tr key={item.id} data-testid="credential-row">
            <Td className="max-w-64">
              <Link href={`/credentials/${item.id}`} className="font-medium text-zinc-900 hover:text-indigo-600 hover:underline dark:text-zinc-100 dark:hover:text-indigo-400">
                {item.label}
              </Link>
            </Td>
            <Td className="max-w-56 truncate font-mono text-xs text-zinc-700 dark:text-zinc-300" title={item.clientId}>
              {item.clientId}
            </Td>
            <Td className="text-zinc-600 dark:text-zinc-400" title={item.issuer}>
              {issuerHost(item.issuer)}
            </Td>
            <Td>
              <BadgeList items={item.tags} label="Tags" tone="accent" />
            </Td>
            <Td className="min-w-36">
              <LastTestSummary lastTest={item.lastTest} />
            </Td>
            <Td className="whitespace-nowrap text-zinc-600 dark:text-zinc-400">
              <RelativeTime value={item.updatedAt} />
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
