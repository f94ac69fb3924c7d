import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";
import type { IntrospectionClient } from "@/lib/schemas/introspection";

// One card per issuer rather than a table: on a phone every fact stays readable without scrolling sideways.

const METHODS: Record<IntrospectionClient["method"], string> = {
  client_secret: "Client secret (Basic)",
  private_key_jwt: "Key file (private_key_jwt)",
};

export function IntrospectionClientList({
  clients,
  onDelete,
}: {
  clients: IntrospectionClient[];
  onDelete: (client: IntrospectionClient) => void;
}) {
  if (clients.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-zinc-300 px-4 py-6 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
        None yet. Without one, &ldquo;Introspect&rdquo; on a credential&apos;s page says that no client is set up for its issuer.
      </p>
    );
  }
  return (
    <ul className="space-y-3">
      {clients.map((client) => (
        <li
          key={client.id}
          data-testid="introspection-client"
          className="flex flex-wrap items-start gap-4 rounded-lg border border-zinc-200 bg-white p-4 shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
        >
          <dl className="grid min-w-0 flex-1 basis-64 gap-x-4 gap-y-1 text-sm sm:grid-cols-[9rem_1fr]">
            <dt className="text-zinc-500 dark:text-zinc-400">Issuer</dt>
            <dd className="font-mono break-all" data-testid="introspection-client-issuer">
              {client.issuer}
            </dd>
            <dt className="text-zinc-500 dark:text-zinc-400">Authentication</dt>
            <dd>{METHODS[client.method]}</dd>
            <dt className="text-zinc-500 dark:text-zinc-400">Client ID</dt>
            <dd className="font-mono break-all">{client.clientId}</dd>
            {client.keyId ? (
              <>
                <dt className="text-zinc-500 dark:text-zinc-400">Key ID</dt>
                <dd className="font-mono break-all">{client.keyId}</dd>
              </>
            ) : null}
            <dt className="text-zinc-500 dark:text-zinc-400">Added</dt>
            <dd>
              <RelativeTime value={client.createdAt} /> by {client.createdBy}
            </dd>
          </dl>
          <Button variant="danger" size="sm" onClick={() => onDelete(client)}>
            Delete<span className="sr-only"> the introspection client of {client.issuer}</span>
          </Button>
        </li>
      ))}
    </ul>
  );
}
