import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { TBody, THead, Table, Td, Th, Tr } from "@/components/ui/table";
import type { ImportResult } from "@/lib/schemas/credential-import";

/** What an import did: how many were created, and each refused row with its reasons. */
export function ImportResults({ result, rowLabel = "Line" }: { result: ImportResult; rowLabel?: string }) {
  const { created, failed, createdIds } = result;
  const [onlyId] = createdIds;
  return (
    <div className="space-y-4" data-testid="import-results">
      {created > 0 ? (
        <Alert
          tone="success"
          title={`${created} credential${created === 1 ? "" : "s"} registered.`}
          action={
            created === 1 && onlyId ? (
              <Link href={`/credentials/${onlyId}`} className="text-sm font-medium text-emerald-800 underline dark:text-emerald-200">
                Open it
              </Link>
            ) : (
              <Link href="/credentials" className="text-sm font-medium text-emerald-800 underline dark:text-emerald-200">
                See the list
              </Link>
            )
          }
        >
          <ul className="mb-1 max-h-64 space-y-0.5 overflow-y-auto" aria-label="Registered credentials">
            {result.registered.map((item) => (
              <li key={item.id}>
                <Link href={`/credentials/${item.id}`} className="font-medium underline">
                  {item.label}
                </Link>
                {item.label !== item.clientId ? <span className="font-mono text-xs"> ({item.clientId})</span> : null}
              </li>
            ))}
          </ul>
          The secrets are stored encrypted; M2M Console shows only their last characters from now on.
        </Alert>
      ) : null}
      {failed.length > 0 ? (
        <div className="space-y-2">
          <Alert tone="warning" title={`${failed.length} ${failed.length === 1 ? "entry was" : "entries were"} not imported.`}>
            {created > 0 ? "The others were registered. " : ""}Fix these and import them again.
          </Alert>
          <Table scrollLabel="Entries that were not imported">
            <caption className="sr-only">Entries that were not imported</caption>
            <THead>
              <tr>
                <Th className="w-40">{rowLabel}</Th>
                <Th>Problem</Th>
              </tr>
            </THead>
            <TBody>
              {failed.map((failure) => (
                <Tr key={failure.row}>
                  <Td className="font-mono">
                    {failure.row}
                    {failure.clientId ? <span className="block text-xs break-all">{failure.clientId}</span> : null}
                  </Td>
                  <Td>
                    <p>{failure.message}</p>
                    {failure.fields ? (
                      <ul className="mt-1 space-y-0.5 text-xs text-zinc-600 dark:text-zinc-400">
                        {Object.entries(failure.fields).map(([field, messages]) => (
                          <li key={field}>
                            <span className="font-mono">{field}</span>: {messages.join(" ")}
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        </div>
      ) : null}
    </div>
  );
}
