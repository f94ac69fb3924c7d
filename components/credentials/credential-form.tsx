"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import type { ReactNode } from "react";
import { useWatch, type UseFormRegisterReturn } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { PasswordInput } from "@/components/ui/password-input";
import { Textarea } from "@/components/ui/textarea";
import { useApiForm } from "@/lib/client/use-api-form";
import { MAX_TAGS } from "@/lib/schemas/credential";
import { IssuerOptions } from "./issuer-options";
import { EMPTY_VALUES, createFormSchema, editFormSchema, type CredentialFormValues } from "./credential-form-values";

interface CredentialFormProps {
  mode: "create" | "edit";
  initialValues?: CredentialFormValues;
  /** Sends the values; throws an ApiError when the API refuses them. */
  onSubmit: (values: CredentialFormValues) => Promise<void>;
  /** Edit only: loads the version someone else saved (the operator's choice; it replaces what they typed). */
  onReload?: () => void;
  cancelHref: string;
}

/** Register or edit a credential, validated inline with the API's own schema. The secret field exists only on create. */
export function CredentialForm({ mode, initialValues = EMPTY_VALUES, onSubmit, onReload, cancelHref }: CredentialFormProps) {
  const form = useApiForm<CredentialFormValues>({
    defaultValues: initialValues,
    // Raw: the caller turns the values into its body; the resolver only says what is wrong, field by field.
    resolver: zodResolver(mode === "create" ? createFormSchema : editFormSchema, undefined, { raw: true }),
    // A field speaks up once the operator has left it, then on every keystroke.
    mode: "onTouched",
    fallback: { message: "The credential could not be saved.", hint: "Check your connection and try again." },
  });
  const { register, errorFor, failure, isSaving } = form;
  const authMethod = useWatch({ control: form.control, name: "authMethod" });
  const { isSubmitted, errors } = form.formState;
  const isConflict = failure?.status === 409 && !failure.fields;

  const submit = form.submitWith(async (values) => {
    await onSubmit(values);
    // The secret leaves client state as soon as the API has it.
    form.setValue("clientSecret", "");
  });

  return (
    <form noValidate onSubmit={submit} className="space-y-8" aria-describedby="credential-form-status">
      <IssuerOptions id="credential-issuers" />
      {isConflict ? (
        <Alert
          tone="warning"
          title="Someone else changed this credential. Reload to see their version."
          action={
            onReload ? (
              <Button size="sm" onClick={onReload}>
                Reload
              </Button>
            ) : null
          }
        >
          Your changes are still in the form below. Reloading replaces them with the saved version.
        </Alert>
      ) : failure ? (
        <Alert tone="danger" title={failure.message}>
          {failure.hint}
        </Alert>
      ) : null}

      <Section title="Service user" description="The ZITADEL service user these credentials belong to.">
        <Field
          label="Label"
          isOptional={mode === "create"}
          error={errorFor("label")}
          hint={
            mode === "create"
              ? "A name your team recognises, e.g. “Billing sync (prod)”; left empty, the client ID."
              : "A name your team recognises, e.g. “Billing sync (prod)”."
          }
        >
          <Input {...register("label")} autoComplete="off" required={mode !== "create"} maxLength={100} />
        </Field>
        <Field label="Issuer" error={errorFor("issuer")} hint="Your ZITADEL instance's URL, e.g. https://acme.zitadel.cloud">
          <Input
            {...register("issuer")}
            type="url"
            inputMode="url"
            placeholder="https://acme.zitadel.cloud"
            autoComplete="off"
            required
            list="credential-issuers"
          />
        </Field>
        <Field label="Client ID" error={errorFor("clientId")} hint="The service user's user name (not its numeric ID).">
          <Input {...register("clientId")} autoComplete="off" spellCheck={false} className="font-mono" required />
        </Field>
        {mode === "create" ? (
          <Field
            label="Client secret"
            error={errorFor("clientSecret")}
            hint="Stored encrypted. After saving, M2M Console shows only its last characters, never the secret."
          >
            <PasswordInput {...register("clientSecret")} required />
          </Field>
        ) : null}
      </Section>

      <Section title="Token request" description="How M2M Console asks ZITADEL for a token with these credentials.">
        <Field label="Scopes" error={errorFor("scopes")} hint="Space-separated, as OAuth writes them.">
          <Textarea {...register("scopes")} rows={2} spellCheck={false} className="font-mono" />
        </Field>
        <Field
          label="Organization ID"
          isOptional
          error={errorFor("orgId")}
          hint="Sent as x-zitadel-orgid. Leave empty for the service user's own organization."
        >
          <Input {...register("orgId")} inputMode="numeric" autoComplete="off" className="font-mono" />
        </Field>
        <fieldset>
          <legend className="text-sm font-medium text-zinc-800 dark:text-zinc-200">Client authentication</legend>
          <div className="mt-2 grid gap-2 sm:grid-cols-2">
            <AuthMethodOption
              value="basic"
              isChecked={authMethod === "basic"}
              field={register("authMethod")}
              title="HTTP Basic"
              description="client_secret_basic — ZITADEL's default."
            />
            <AuthMethodOption
              value="post"
              isChecked={authMethod === "post"}
              field={register("authMethod")}
              title="POST body"
              description="client_secret_post — ID and secret in the form body."
            />
          </div>
        </fieldset>
      </Section>

      <Section title="Organize" description="Optional, for finding credentials later.">
        <Field
          label="Tags"
          isOptional
          error={errorFor("tags")}
          hint={`Separated by commas or spaces; up to ${MAX_TAGS}, e.g. prod, billing.`}
        >
          <Input {...register("tags")} autoComplete="off" />
        </Field>
        <Field label="Notes" isOptional error={errorFor("notes")}>
          <Textarea {...register("notes")} rows={3} maxLength={2000} />
        </Field>
      </Section>

      <div className="flex flex-wrap items-center justify-end gap-3 border-t border-zinc-200 pt-6 dark:border-zinc-800">
        <p id="credential-form-status" aria-live="polite" className="mr-auto text-sm text-zinc-500 dark:text-zinc-400">
          {isSaving ? "Saving…" : isSubmitted && Object.keys(errors).length > 0 ? "Fix the highlighted fields to save." : ""}
        </p>
        <Link href={cancelHref} className={buttonClasses("secondary")}>
          Cancel
        </Link>
        <Button type="submit" variant="primary" isLoading={isSaving}>
          {mode === "create" ? "Register credential" : "Save changes"}
        </Button>
      </div>
    </form>
  );
}

function Section({ title, description, children }: { title: string; description: string; children: ReactNode }) {
  return (
    <section className="grid gap-x-8 gap-y-4 md:grid-cols-3">
      <div>
        <h2 className="text-sm font-semibold">{title}</h2>
        <p className="mt-1 text-sm text-zinc-500 dark:text-zinc-400">{description}</p>
      </div>
      <div className="space-y-5 rounded-lg border border-zinc-200 bg-white p-5 shadow-sm md:col-span-2 dark:border-zinc-800 dark:bg-zinc-900">
        {children}
      </div>
    </section>
  );
}

interface AuthMethodOptionProps {
  value: CredentialFormValues["authMethod"];
  isChecked: boolean;
  field: UseFormRegisterReturn<"authMethod">;
  title: string;
  description: string;
}

function AuthMethodOption({ value, isChecked, field, title, description }: AuthMethodOptionProps) {
  return (
    <label
      className={`flex cursor-pointer gap-3 rounded-md border p-3 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-indigo-500 ${
        isChecked
          ? "border-indigo-500 bg-indigo-50/60 dark:border-indigo-400 dark:bg-indigo-950/40"
          : "border-zinc-300 dark:border-zinc-700"
      }`}
    >
      <input type="radio" {...field} value={value} className="mt-0.5 accent-indigo-600" />
      <span>
        <span className="block font-medium">{title}</span>
        <span className="block text-xs text-zinc-500 dark:text-zinc-400">{description}</span>
      </span>
    </label>
  );
}
