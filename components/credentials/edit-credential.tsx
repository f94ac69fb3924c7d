"use client";

import { notFound, useRouter } from "next/navigation";
import { useState } from "react";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { ApiError } from "@/lib/api-error";
import { useCredential } from "@/lib/client/use-credential";
import { useCredentialMutations } from "@/lib/client/use-credential-mutations";
import type { CredentialDto } from "@/lib/schemas/credential";
import { changedFields } from "./changed-fields";
import { CredentialForm } from "./credential-form";
import { toUpdateInput, valuesFrom } from "./credential-form-values";
import { MATERIAL } from "./credential-kind";

export function EditCredential({ id }: { id: string }) {
  const { credential, error, isLoading, retry } = useCredential(id);
  const [formKey, setFormKey] = useState(0);

  if (error instanceof ApiError && error.status === 404) notFound();
  if (error && !credential) return <ErrorState error={error} onRetry={() => void retry()} />;
  if (isLoading || !credential) return <FormSkeleton />;

  return (
    <EditForm
      key={formKey}
      credential={credential}
      onReload={async () => {
        await retry();
        setFormKey((key) => key + 1);
      }}
    />
  );
}

function EditForm({ credential, onReload }: { credential: CredentialDto; onReload: () => Promise<void> }) {
  const router = useRouter();
  const { update } = useCredentialMutations();
  // Captured when editing starts: a save against it gets 409 if someone saved in between, even if SWR refreshed since.
  const [version] = useState(credential.version);
  const [initialValues] = useState(() => valuesFrom(credential));
  return (
    <>
      <p className="mb-6 text-sm text-zinc-600 dark:text-zinc-400">
        To change the {MATERIAL[credential.kind].noun}, use{" "}
        <span className="font-medium text-zinc-900 dark:text-zinc-100">{MATERIAL[credential.kind].title}</span> on the credential&apos;s
        page.
      </p>
      <CredentialForm
        mode="edit"
        initialValues={initialValues}
        cancelHref={`/credentials/${credential.id}`}
        onReload={() => void onReload()}
        onSubmit={async (values) => {
          const saved = await update(credential.id, toUpdateInput(values, version));
          // The detail page's banner says what changed; the names travel in the URL, never the values.
          const fields = changedFields(credential, saved).join(",");
          router.push(`/credentials/${credential.id}?saved=updated&fields=${encodeURIComponent(fields)}`);
        }}
      />
    </>
  );
}

function FormSkeleton() {
  return (
    <div aria-busy="true" className="space-y-4">
      <span className="sr-only">Loading the credential…</span>
      <Skeleton className="h-5 w-64" />
      <Skeleton className="h-64 w-full" />
      <Skeleton className="h-48 w-full" />
    </div>
  );
}
