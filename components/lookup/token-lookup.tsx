"use client";

import { useEffect, useRef } from "react";
import { IssuerOptions } from "@/components/credentials/issuer-options";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { useApiForm } from "@/lib/client/use-api-form";
import { useTokenLookup } from "@/lib/client/use-token-lookup";
import { TokenLookupCard } from "./token-lookup-card";

// Support pastes the access token a customer sent; the card says whose it is and whether ZITADEL accepts it. The
// token leaves the form once it is answered, so it does not linger on screen.

interface Values {
  token: string;
  issuer: string;
}

/** `initialToken`: one handed over from the search box, looked up at once and then gone from the form like any other. */
export function TokenLookup({ initialToken }: { initialToken?: string | null }) {
  const { answer, lookUp, reset } = useTokenLookup();
  const form = useApiForm<Values>({
    defaultValues: { token: "", issuer: "" },
    fallback: { message: "The token could not be looked up.", hint: "Check your connection and try again." },
  });
  const { register, errorFor, failure, isSaving, setValue } = form;
  const formRef = useRef<HTMLFormElement>(null);

  const submit = form.submitWith(async ({ token, issuer }) => {
    reset();
    await lookUp({ token, ...(issuer.trim() ? { issuer: issuer.trim() } : {}) });
    form.reset({ token: "", issuer });
  });

  useEffect(() => {
    if (!initialToken) return;
    setValue("token", initialToken);
    formRef.current?.requestSubmit();
  }, [initialToken, setValue]);

  return (
    <section aria-labelledby="token-lookup-form-heading" className="space-y-6">
      <header>
        <h2 id="token-lookup-form-heading" className="text-lg font-semibold tracking-tight">
          Look up a token
        </h2>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Which service user and organization an access token belongs to, and whether ZITADEL still accepts it. No secret needed; the token
          is not stored.
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
        <Field label="Paste an access token" error={errorFor("token")} hint="A JWT or an opaque token from an issuer this console knows.">
          <Textarea
            {...register("token", { required: "Paste an access token." })}
            rows={4}
            spellCheck={false}
            autoComplete="off"
            className="font-mono text-xs"
          />
        </Field>
        <IssuerOptions id="lookup-issuers" />
        <Field
          label="Issuer"
          isOptional
          error={errorFor("issuer")}
          hint="Needed for an opaque token; a JWT names its own. Only issuers this console knows are asked."
        >
          <Input {...register("issuer")} type="url" inputMode="url" autoComplete="off" list="lookup-issuers" />
        </Field>
        <Button type="submit" variant="primary" disabled={isSaving}>
          {isSaving ? "Looking up…" : "Look up token"}
        </Button>
      </form>
      <div aria-live="polite">{answer ? <TokenLookupCard answer={answer} /> : null}</div>
    </section>
  );
}
