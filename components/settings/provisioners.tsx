"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { issuerHost } from "@/components/credentials/issuer-host";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { Field } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { Select } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { ApiError } from "@/lib/api-error";
import { useCredentials } from "@/lib/client/use-credentials";
import { useProvisioners } from "@/lib/client/use-provisioners";
import type { Provisioner } from "@/lib/schemas/provisioning";

// The credentials the console may act as in ZITADEL, one per issuer: what creates service users and fixes
// credentials there when an admin's own ZITADEL account cannot (another issuer, or no token from sign-in).

function messageOf(error: unknown, fallback: string): string {
  return error instanceof ApiError ? `${error.message}${error.hint ? ` ${error.hint}` : ""}` : fallback;
}

export function Provisioners() {
  const { provisioners, error, isLoading, retry, register, remove } = useProvisioners();
  return (
    <section aria-labelledby="provisioners" className="space-y-4">
      <div>
        <h1 id="provisioners" className="text-2xl font-semibold tracking-tight">
          Provisioners
        </h1>
        <p className="mt-1 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
          A provisioner is a registered credential whose service user (with a manager role such as Org Owner) M2M Console acts as in ZITADEL
          to create service users and fix credentials at its issuer; one per issuer.
        </p>
      </div>
      {error && !provisioners ? (
        <ErrorState error={error} onRetry={() => void retry()} title="The provisioners could not be loaded" />
      ) : isLoading || !provisioners ? (
        <div aria-busy="true">
          <span className="sr-only">Loading the provisioners…</span>
          <Skeleton className="h-16 w-full" />
        </div>
      ) : (
        <ProvisionerList provisioners={provisioners} onRemove={remove} />
      )}
      <RegisterProvisioner onRegister={register} />
    </section>
  );
}

function ProvisionerList({ provisioners, onRemove }: { provisioners: Provisioner[]; onRemove: (credentialId: string) => Promise<void> }) {
  const [removing, setRemoving] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  async function removeOne(provisioner: Provisioner) {
    setRemoving(provisioner.credentialId);
    setFailure(null);
    try {
      await onRemove(provisioner.credentialId);
    } catch (caught) {
      setFailure(messageOf(caught, "The provisioner could not be removed. Try again."));
    } finally {
      setRemoving(null);
    }
  }

  if (provisioners.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-zinc-300 px-4 py-6 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
        None yet. Without one, only your own ZITADEL account can be used, and only at the issuer you sign in with.
      </p>
    );
  }
  return (
    <div className="space-y-3">
      {failure ? <Alert tone="danger" title={failure} /> : null}
      <ul className="space-y-3">
        {provisioners.map((provisioner) => (
          <li
            key={provisioner.issuer}
            data-testid="provisioner"
            className="flex flex-wrap items-start gap-4 rounded-lg border border-zinc-200 bg-white p-4 shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
          >
            <dl className="grid min-w-0 flex-1 basis-64 gap-x-4 gap-y-1 text-sm sm:grid-cols-[9rem_1fr]">
              <dt className="text-zinc-500 dark:text-zinc-400">Issuer</dt>
              <dd className="font-mono break-all">{provisioner.issuer}</dd>
              <dt className="text-zinc-500 dark:text-zinc-400">Credential</dt>
              <dd>
                <Link
                  href={`/credentials/${provisioner.credentialId}`}
                  className="font-medium text-indigo-600 hover:underline dark:text-indigo-400"
                >
                  {provisioner.label}
                </Link>
                {provisioner.clientId ? <span className="ml-2 font-mono text-xs break-all">{provisioner.clientId}</span> : null}
              </dd>
              <dt className="text-zinc-500 dark:text-zinc-400">Named</dt>
              <dd>
                <RelativeTime value={provisioner.createdAt} /> by {provisioner.createdBy.name}
              </dd>
            </dl>
            <Button
              variant="danger"
              size="sm"
              isLoading={removing === provisioner.credentialId}
              onClick={() => void removeOne(provisioner)}
            >
              Remove<span className="sr-only"> the provisioner of {provisioner.issuer}</span>
            </Button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function RegisterProvisioner({ onRegister }: { onRegister: (credentialId: string) => Promise<Provisioner> }) {
  const { items, error, isLoading } = useCredentials({ limit: 200 });
  const [credentialId, setCredentialId] = useState("");
  const [isSaving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [added, setAdded] = useState<Provisioner | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!credentialId) {
      setFailure("Choose a credential.");
      return;
    }
    setSaving(true);
    setFailure(null);
    setAdded(null);
    try {
      setAdded(await onRegister(credentialId));
      setCredentialId("");
    } catch (caught) {
      setFailure(messageOf(caught, "The provisioner could not be registered. Try again."));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form
      noValidate
      onSubmit={(event) => void submit(event)}
      className="space-y-4 rounded-lg border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
    >
      <h2 className="font-semibold">Name a provisioner</h2>
      <div aria-live="polite">
        {added ? <Alert tone="success" title={`${added.label} now provisions at ${issuerHost(added.issuer)}.`} /> : null}
      </div>
      {error && items.length === 0 ? <ErrorState error={error} title="The credentials could not be loaded" /> : null}
      <Field
        label="Credential"
        error={failure}
        hint="A registered credential of the issuer; it replaces the provisioner that issuer has, if any."
      >
        <Select value={credentialId} onChange={(event) => setCredentialId(event.target.value)}>
          <option value="">{isLoading ? "Loading…" : "Choose a credential"}</option>
          {items.map((item) => (
            <option key={item.id} value={item.id}>
              {item.label} ({item.clientId} at {issuerHost(item.issuer)})
            </option>
          ))}
        </Select>
      </Field>
      <div className="flex justify-end">
        <Button type="submit" variant="primary" isLoading={isSaving}>
          Register provisioner
        </Button>
      </div>
    </form>
  );
}
