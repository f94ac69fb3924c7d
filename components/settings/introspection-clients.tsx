"use client";

import { useState } from "react";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { useIntrospectionClients } from "@/lib/client/use-introspection-clients";
import type { IntrospectionClient } from "@/lib/schemas/introspection";
import { AddIntrospectionClient } from "./add-introspection-client";
import { DeleteIntrospectionClientDialog } from "./delete-introspection-client-dialog";
import { IntrospectionClientList } from "./introspection-client-list";

/** The API applications M2M Console introspects tokens with, one per issuer; admins add and remove them. */
export function IntrospectionClients() {
  const { clients, error, isLoading, retry, add, remove } = useIntrospectionClients();
  const [deleting, setDeleting] = useState<IntrospectionClient | null>(null);
  return (
    <div className="space-y-8">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">Introspection clients</h1>
        <p className="mt-1 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
          Only ZITADEL can read an opaque access token or a personal access token. To ask it whether such a token is active, M2M Console
          authenticates as an API application of the same instance: one per issuer. Service users cannot introspect. The token&apos;s
          audience must contain the application&apos;s project, or ZITADEL answers &ldquo;not active&rdquo;.
        </p>
      </header>
      <section aria-labelledby="introspection-clients-heading" className="space-y-3">
        <h2 id="introspection-clients-heading" className="text-lg font-semibold tracking-tight">
          Configured
        </h2>
        {error && !clients ? (
          <ErrorState error={error} onRetry={() => void retry()} title="The introspection clients could not be loaded" />
        ) : isLoading || !clients ? (
          <div aria-busy="true" className="space-y-2">
            <span className="sr-only">Loading the introspection clients…</span>
            <Skeleton className="h-20 w-full" />
          </div>
        ) : (
          <IntrospectionClientList clients={clients} onDelete={setDeleting} />
        )}
      </section>
      <AddIntrospectionClient onAdd={add} />
      <DeleteIntrospectionClientDialog
        client={deleting}
        onClose={() => setDeleting(null)}
        onConfirm={async (client) => {
          await remove(client);
          setDeleting(null);
        }}
        onReload={() => void retry()}
      />
    </div>
  );
}
