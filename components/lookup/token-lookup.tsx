"use client";

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

export function TokenLookup() {
  const { answer, lookUp, reset } = useTokenLookup();
  const form = useApiForm<Values>({
    defaultValues: { token: "", issuer: "" },
    fallback: { message: "The token could not be looked up.", hint: "Check your connection and try again." },
  });
  const { register, errorFor, failure, isSaving } = form;

  const submit = form.submitWith(async ({ token, issuer }) => {
    reset();
    await lookUp({ token, ...(issuer.trim() ? { issuer: issuer.trim() } : {}) });
    form.reset({ token: "", issuer });
  });

  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">Look up a token</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Which service user and organization an access token belongs to, and whether ZITADEL still accepts it. No secret needed; the token
          is not stored.
        </p>
      </header>
      <form
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
          {isSaving ? "Looking up…" : "Look up"}
        </Button>
      </form>
      <div aria-live="polite">{answer ? <TokenLookupCard answer={answer} /> : null}</div>
    </div>
  );
}
