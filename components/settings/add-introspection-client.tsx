"use client";

import { useState } from "react";
import { useWatch } from "react-hook-form";
import { IssuerOptions } from "@/components/credentials/issuer-options";
import { KeyFileField } from "@/components/credentials/key-file-field";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { PasswordInput } from "@/components/ui/password-input";
import { useApiForm } from "@/lib/client/use-api-form";
import type { CreateIntrospectionClientInput, IntrospectionClient } from "@/lib/schemas/introspection";

// An API application of the issuer, authenticated by its client secret or by its key file (private_key_jwt). The
// secret and key go to the API once and leave the form's state as soon as it has them.

interface Values {
  issuer: string;
  method: "client_secret" | "private_key_jwt";
  clientId: string;
  clientSecret: string;
  keyFile: string;
}

const EMPTY: Values = { issuer: "", method: "client_secret", clientId: "", clientSecret: "", keyFile: "" };

function toInput(values: Values): CreateIntrospectionClientInput {
  if (values.method === "private_key_jwt") return { issuer: values.issuer, keyFile: values.keyFile };
  return { issuer: values.issuer, clientId: values.clientId, clientSecret: values.clientSecret };
}

export function AddIntrospectionClient({ onAdd }: { onAdd: (input: CreateIntrospectionClientInput) => Promise<IntrospectionClient> }) {
  const form = useApiForm<Values>({
    defaultValues: EMPTY,
    mode: "onTouched",
    fallback: { message: "The introspection client could not be added.", hint: "Check your connection and try again." },
  });
  const { register, errorFor, failure, isSaving } = form;
  const method = useWatch({ control: form.control, name: "method" });
  const keyFile = useWatch({ control: form.control, name: "keyFile" });
  const [added, setAdded] = useState<IntrospectionClient | null>(null);

  const submit = form.submitWith(async (values) => {
    setAdded(null);
    try {
      setAdded(await onAdd(toInput(values)));
      form.reset(EMPTY);
    } finally {
      form.setValue("clientSecret", "");
    }
  });

  return (
    <section aria-labelledby="add-introspection-heading" className="space-y-3">
      <h2 id="add-introspection-heading" className="text-lg font-semibold tracking-tight">
        Add an introspection client
      </h2>
      <div aria-live="polite">
        {added ? <Alert tone="success" title={`Added: ${added.clientId} introspects tokens of ${added.issuer}.`} /> : null}
      </div>
      <form
        noValidate
        onSubmit={submit}
        className="space-y-5 rounded-lg border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
      >
        <IssuerOptions id="introspection-issuers" />
        {failure ? (
          <Alert tone={failure.status === 409 ? "warning" : "danger"} title={failure.message}>
            {failure.status === 409 ? "Delete the one configured for this issuer first." : failure.hint}
          </Alert>
        ) : null}
        <Field label="Issuer" error={errorFor("issuer")} hint="The ZITADEL instance whose tokens it introspects, as credentials name it.">
          <Input
            {...register("issuer")}
            type="url"
            inputMode="url"
            placeholder="https://acme.zitadel.cloud"
            autoComplete="off"
            required
            list="introspection-issuers"
          />
        </Field>
        <fieldset>
          <legend className="text-sm font-medium text-zinc-800 dark:text-zinc-200">Authentication</legend>
          <div className="mt-2 grid gap-2 sm:grid-cols-2">
            {(
              [
                ["client_secret", "Client ID and secret", "The API app's Basic authentication."],
                ["private_key_jwt", "Application key file", "The API app's JSON key (private_key_jwt)."],
              ] as const
            ).map(([value, title, description]) => (
              <label
                key={value}
                className={`flex cursor-pointer gap-3 rounded-md border p-3 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-indigo-500 ${
                  method === value
                    ? "border-indigo-500 bg-indigo-50/60 dark:border-indigo-400 dark:bg-indigo-950/40"
                    : "border-zinc-300 dark:border-zinc-700"
                }`}
              >
                <input
                  type="radio"
                  {...register("method", {
                    onChange: () => {
                      form.setValue("clientSecret", "");
                      form.setValue("keyFile", "");
                    },
                  })}
                  value={value}
                  className="mt-0.5 accent-indigo-600"
                />
                <span>
                  <span className="block font-medium">{title}</span>
                  <span className="block text-xs text-zinc-500 dark:text-zinc-400">{description}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        {method === "client_secret" ? (
          <>
            <Field label="Client ID" error={errorFor("clientId")} hint="The API application's client ID, e.g. 2863…@project.">
              <Input {...register("clientId")} autoComplete="off" spellCheck={false} className="font-mono" required />
            </Field>
            <Field label="Client secret" error={errorFor("clientSecret")} hint="Stored encrypted and never shown again.">
              <PasswordInput {...register("clientSecret")} required />
            </Field>
          </>
        ) : (
          <KeyFileField
            wants="application"
            value={keyFile}
            error={errorFor("keyFile")}
            onChange={(text) => {
              form.clearErrors("keyFile");
              form.setValue("keyFile", text, { shouldValidate: form.formState.isSubmitted });
            }}
          />
        )}
        <div className="flex justify-end border-t border-zinc-200 pt-5 dark:border-zinc-800">
          <Button type="submit" variant="primary" isLoading={isSaving}>
            Add introspection client
          </Button>
        </div>
      </form>
    </section>
  );
}
