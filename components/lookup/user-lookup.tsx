"use client";

import { useEffect, useRef } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useApiForm } from "@/lib/client/use-api-form";
import { useUserLookup } from "@/lib/client/use-user-lookup";
import { classifyLookupQuery } from "@/lib/schemas/lookup";
import type { AuthorityRef } from "@/lib/schemas/provisioning";
import { UserLookupCard } from "./user-lookup-card";

// The search box of /lookup: a client ID, login name or numeric user ID is read in ZITADEL; something that looks
// like a token goes to the token lookup instead (`onToken`), and leaves this box at once.

interface Values {
  query: string;
  authority: string;
}

const AUTO = "";

function toRef(value: string): AuthorityRef | undefined {
  if (value === AUTO) return undefined;
  return value === "operator" ? { kind: "operator" } : { kind: "provisioner", credentialId: value };
}

export function UserLookup({ initialQuery, onToken }: { initialQuery?: string | null; onToken: (token: string) => void }) {
  const { answer, lookUp, reset } = useUserLookup();
  const form = useApiForm<Values>({
    defaultValues: { query: initialQuery ?? "", authority: AUTO },
    fallback: { message: "The user could not be looked up.", hint: "Check your connection and try again." },
  });
  const { register, errorFor, failure, isSaving, setValue } = form;
  const formRef = useRef<HTMLFormElement>(null);

  const submit = form.submitWith(async ({ query, authority }) => {
    const value = query.trim();
    if (classifyLookupQuery(value) === "token") {
      setValue("query", "");
      onToken(value);
      return;
    }
    reset();
    const ref = toRef(authority);
    await lookUp({ query: value, ...(ref ? { authority: ref } : {}) });
  });

  useEffect(() => {
    if (!initialQuery) return;
    setValue("query", initialQuery);
    formRef.current?.requestSubmit();
  }, [initialQuery, setValue]);

  const choices = answer?.authorities ?? [];
  return (
    <section aria-labelledby="user-lookup-heading" className="space-y-6">
      <header>
        <h2 id="user-lookup-heading" className="text-lg font-semibold tracking-tight">
          Look up a service user
        </h2>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          By client ID (login name) or numeric user ID: its organization, state, secret, keys, tokens and roles as ZITADEL holds them, what
          is wrong with it, and its credentials here. A pasted token is looked up as a token.
        </p>
      </header>
      <form
        ref={formRef}
        noValidate
        onSubmit={submit}
        className="space-y-4 rounded-lg border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
      >
        {failure ? (
          <Alert tone="danger" title={failure.message}>
            {failure.hint}
          </Alert>
        ) : null}
        <Field label="Client ID, login name, user ID or token" error={errorFor("query")}>
          <Input {...register("query", { required: "Enter a client ID, login name or user ID." })} autoComplete="off" spellCheck={false} />
        </Field>
        {choices.length > 1 ? (
          <Field
            label="Read in ZITADEL as"
            hint="Whose ZITADEL permissions the console reads with; ZITADEL shows each only what it may read."
          >
            <Select {...register("authority")}>
              <option value={AUTO}>The first available</option>
              {choices.map((choice) => (
                <option key={choice.credentialId ?? choice.kind} value={choice.credentialId ?? "operator"} disabled={!choice.available}>
                  {choice.label}
                  {choice.available ? "" : " (not available)"}
                </option>
              ))}
            </Select>
          </Field>
        ) : null}
        <Button type="submit" variant="primary" disabled={isSaving}>
          {isSaving ? "Looking up…" : "Look up"}
        </Button>
      </form>
      <div aria-live="polite">{answer ? <UserLookupCard answer={answer} /> : null}</div>
    </section>
  );
}
