"use client";

import { useEffect, useState } from "react";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { API_REFERENCE_URL, useApiReference, type ApiReferenceDocument } from "@/lib/client/use-api-reference";
import { ERRORS_ANCHOR, OperationCard, SchemaBlock } from "./operation-card";

// The JSON API's reference as a page: every route with its role, parameters, body and answers, from the same
// document a script can fetch.

export function ApiReference() {
  const { reference, error, isLoading, retry } = useApiReference();
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">API reference</h1>
        <p className="mt-1 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
          Every route of the JSON API these pages use, generated from the schemas that check each request and answer. A script signs in with
          the same session cookie and sends this app&apos;s Origin with every change. The same reference as OpenAPI 3.1:{" "}
          <a href={API_REFERENCE_URL} className="text-indigo-700 underline dark:text-indigo-300">
            {API_REFERENCE_URL}
          </a>
          .
        </p>
      </header>
      {error && !reference ? (
        <ErrorState error={error} onRetry={() => void retry()} title="The API reference could not be loaded" />
      ) : isLoading || !reference ? (
        <div aria-busy="true" className="space-y-3">
          <span className="sr-only">Loading the API reference…</span>
          <Skeleton className="h-6 w-64" />
          <Skeleton className="h-40 w-full" />
        </div>
      ) : (
        <Operations reference={reference} />
      )}
    </div>
  );
}

function Operations({ reference }: { reference: ApiReferenceDocument }) {
  const operations = Object.entries(reference.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
  );
  const [openIds, setOpenIds] = useState<ReadonlySet<string>>(new Set());
  const open = (id: string) => setOpenIds((ids) => new Set(ids).add(id));
  const toggle = (id: string) =>
    setOpenIds((ids) => {
      const next = new Set(ids);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  // A link to a route (#getApiCredentials), from the list below or from elsewhere, opens that route.
  useEffect(() => {
    const openFromHash = () => {
      const id = decodeURIComponent(window.location.hash.slice(1));
      if (id) setOpenIds((ids) => new Set(ids).add(id));
    };
    openFromHash();
    window.addEventListener("hashchange", openFromHash);
    return () => window.removeEventListener("hashchange", openFromHash);
  }, []);
  return (
    <>
      <nav aria-label="Routes">
        <ul className="columns-1 gap-6 text-sm sm:columns-2">
          {operations.map(({ path, method, operation }) => (
            <li key={operation.operationId} className="break-inside-avoid py-0.5">
              <a
                href={`#${operation.operationId}`}
                onClick={() => open(operation.operationId)}
                className="text-indigo-700 underline dark:text-indigo-300"
              >
                <span className="font-mono">{method.toUpperCase()}</span> <span className="font-mono break-all">{path}</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <section id={ERRORS_ANCHOR} aria-labelledby={`${ERRORS_ANCHOR}-title`} className="scroll-mt-4 space-y-2">
        <h2 id={`${ERRORS_ANCHOR}-title`} className="text-lg font-semibold">
          Errors
        </h2>
        <p className="text-sm">
          Every error answer has one shape, whatever the route; the HTTP status follows from <code>error.code</code>.
        </p>
        {reference.components.schemas.ApiError ? (
          <SchemaBlock summary="The error shape" schema={reference.components.schemas.ApiError} isOpen />
        ) : null}
      </section>
      {operations.map(({ path, method, operation }) => (
        <OperationCard
          key={operation.operationId}
          path={path}
          method={method}
          operation={operation}
          isOpen={openIds.has(operation.operationId)}
          onToggle={() => toggle(operation.operationId)}
        />
      ))}
    </>
  );
}
