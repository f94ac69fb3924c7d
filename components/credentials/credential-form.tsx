"use client";

import Link from "next/link";
import { useState, type FormEvent, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { PasswordInput } from "@/components/ui/password-input";
import { Textarea } from "@/components/ui/textarea";
import { ApiError } from "@/lib/api-error";
import { MAX_TAGS } from "@/lib/schemas/credential";
import {
  EMPTY_VALUES,
  serverFieldErrors,
  validate,
  type CredentialFormValues,
  type FieldErrors,
  type FieldName,
} from "./credential-form-values";

interface CredentialFormProps {
  mode: "create" | "edit";
  initialValues?: CredentialFormValues;
  /** Sends the values; throws an ApiError when the API refuses them. */
  onSubmit: (values: CredentialFormValues) => Promise<void>;
  /** Edit only: loads the version someone else saved (the operator's choice; it replaces what they typed). */
  onReload?: () => void;
  cancelHref: string;
}

type Status = { kind: "idle" } | { kind: "saving" } | { kind: "conflict" } | { kind: "error"; error: ApiError | null };

/** Register or edit a credential, validated inline with the API's own schema. The secret field exists only on create. */
export function CredentialForm({ mode, initialValues = EMPTY_VALUES, onSubmit, onReload, cancelHref }: CredentialFormProps) {
  const [values, setValues] = useState(initialValues);
  const [touched, setTouched] = useState<Partial<Record<FieldName, boolean>>>({});
  const [hasSubmitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<Status>({ kind: "idle" });

  const clientErrors = validate(values, mode);
  const errorFor = (field: FieldName) => serverErrors[field] ?? (hasSubmitted || touched[field] ? clientErrors[field] : undefined);

  function change<K extends FieldName>(field: K, value: CredentialFormValues[K]) {
    setValues((current) => ({ ...current, [field]: value }));
    setServerErrors(({ [field]: _dropped, ...rest }) => rest);
  }

  const bind = (field: Exclude<FieldName, "authMethod">) => ({
    id: `credential-${field}`,
    name: field,
    value: values[field],
    onChange: (event: { target: { value: string } }) => change(field, event.target.value),
    onBlur: () => setTouched((current) => ({ ...current, [field]: true })),
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (Object.keys(clientErrors).length > 0) {
      focusFirstError(clientErrors);
      return;
    }
    setStatus({ kind: "saving" });
    try {
      await onSubmit(values);
      // The secret leaves client state as soon as the API has it.
      setValues((current) => ({ ...current, clientSecret: "" }));
      setStatus({ kind: "idle" });
    } catch (error) {
      if (!(error instanceof ApiError)) return setStatus({ kind: "error", error: null });
      const fields = serverFieldErrors(error);
      setServerErrors(fields);
      if (error.status === 409 && Object.keys(fields).length === 0) return setStatus({ kind: "conflict" });
      setStatus({ kind: "error", error });
      focusFirstError(fields);
    }
  }

  const isSaving = status.kind === "saving";
  return (
    <form noValidate onSubmit={(event) => void submit(event)} className="space-y-8" aria-describedby="credential-form-status">
      {status.kind === "conflict" ? (
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
      ) : null}
      {status.kind === "error" ? (
        <Alert tone="danger" title={status.error?.message ?? "The credential could not be saved."}>
          {status.error?.hint ?? (status.error ? null : "Check your connection and try again.")}
        </Alert>
      ) : null}

      <Section title="Service user" description="The ZITADEL service user these credentials belong to.">
        <Field id="credential-label" label="Label" error={errorFor("label")} hint="A name your team recognises, e.g. “Billing sync (prod)”.">
          {(describedBy, isInvalid) => <Input {...bind("label")} aria-describedby={describedBy} aria-invalid={isInvalid} autoComplete="off" required maxLength={100} />}
        </Field>
        <Field id="credential-issuer" label="Issuer" error={errorFor("issuer")} hint="Your ZITADEL instance's URL, e.g. https://acme.zitadel.cloud">
          {(describedBy, isInvalid) => (
            <Input {...bind("issuer")} type="url" inputMode="url" placeholder="https://acme.zitadel.cloud" aria-describedby={describedBy} aria-invalid={isInvalid} autoComplete="off" required />
          )}
        </Field>
        <Field id="credential-clientId" label="Client ID" error={errorFor("clientId")} hint="The service user's user name (not its numeric ID).">
          {(describedBy, isInvalid) => (
            <Input {...bind("clientId")} aria-describedby={describedBy} aria-invalid={isInvalid} autoComplete="off" spellCheck={false} className="font-mono" required />
          )}
        </Field>
        {mode === "create" ? (
          <Field
            id="credential-clientSecret"
            label="Client secret"
            error={errorFor("clientSecret")}
            hint="Stored encrypted. After saving, M2M Console shows only its last characters, never the secret."
          >
            {(describedBy, isInvalid) => <PasswordInput {...bind("clientSecret")} aria-describedby={describedBy} aria-invalid={isInvalid} required />}
          </Field>
        ) : null}
      </Section>

      <Section title="Token request" description="How M2M Console asks ZITADEL for a token with these credentials.">
        <Field id="credential-scopes" label="Scopes" error={errorFor("scopes")} hint="Space-separated, as OAuth writes them.">
          {(describedBy, isInvalid) => <Textarea {...bind("scopes")} rows={2} aria-describedby={describedBy} aria-invalid={isInvalid} spellCheck={false} className="font-mono" />}
        </Field>
        <Field id="credential-orgId" label="Organization ID" isOptional error={errorFor("orgId")} hint="Sent as x-zitadel-orgid. Leave empty for the service user's own organization.">
          {(describedBy, isInvalid) => <Input {...bind("orgId")} inputMode="numeric" aria-describedby={describedBy} aria-invalid={isInvalid} autoComplete="off" className="font-mono" />}
        </Field>
        <fieldset>
          <legend className="text-sm font-medium text-zinc-800 dark:text-zinc-200">Client authentication</legend>
          <div className="mt-2 grid gap-2 sm:grid-cols-2">
            <AuthMethodOption value="basic" current={values.authMethod} onChange={(value) => change("authMethod", value)} title="HTTP Basic" description="client_secret_basic — ZITADEL's default." />
            <AuthMethodOption value="post" current={values.authMethod} onChange={(value) => change("authMethod", value)} title="POST body" description="client_secret_post — ID and secret in the form body." />
          </div>
        </fieldset>
      </Section>

      <Section title="Organize" description="Optional, for finding credentials later.">
        <Field id="credential-tags" label="Tags" isOptional error={errorFor("tags")} hint={`Separated by commas or spaces; up to ${MAX_TAGS}, e.g. prod, billing.`}>
          {(describedBy, isInvalid) => <Input {...bind("tags")} aria-describedby={describedBy} aria-invalid={isInvalid} autoComplete="off" />}
        </Field>
        <Field id="credential-notes" label="Notes" isOptional error={errorFor("notes")}>
          {(describedBy, isInvalid) => <Textarea {...bind("notes")} rows={3} maxLength={2000} aria-describedby={describedBy} aria-invalid={isInvalid} />}
        </Field>
      </Section>

      <div className="flex flex-wrap items-center justify-end gap-3 border-t border-zinc-200 pt-6 dark:border-zinc-800">
        <p id="credential-form-status" aria-live="polite" className="mr-auto text-sm text-zinc-500 dark:text-zinc-400">
          {isSaving ? "Saving…" : hasSubmitted && Object.keys(clientErrors).length > 0 ? "Fix the highlighted fields to save." : ""}
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

function focusFirstError(errors: FieldErrors) {
  const order: FieldName[] = ["label", "issuer", "clientId", "clientSecret", "scopes", "orgId", "tags", "notes"];
  const first = order.find((field) => errors[field]);
  if (first) document.getElementById(`credential-${first}`)?.focus();
}

function Section({ title, description, children }: { title: string; description: string; children: ReactNode }) {
  return (
    <section className="grid gap-x-8 gap-y-4 md:grid-cols-3">
      <div>
        <h2 className="text-sm font-semibold">{title}</h2>
        <p className="mt-1 text-sm text-zinc-500 dark:text-zinc-400">{description}</p>
      </div>
      <div className="space-y-5 rounded-lg border border-zinc-200 bg-white p-5 shadow-sm md:col-span-2 dark:border-zinc-800 dark:bg-zinc-900">{children}</div>
    </section>
  );
}

interface AuthMethodOptionProps {
  value: "basic" | "post";
  current: "basic" | "post";
  onChange: (value: "basic" | "post") => void;
  title: string;
  description: string;
}

function AuthMethodOption({ value, current, onChange, title, description }: AuthMethodOptionProps) {
  const isChecked = value === current;
  return (
    <label
      className={`flex cursor-pointer gap-3 rounded-md border p-3 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-indigo-500 ${
        isChecked ? "border-indigo-500 bg-indigo-50/60 dark:border-indigo-400 dark:bg-indigo-950/40" : "border-zinc-300 dark:border-zinc-700"
      }`}
    >
      <input type="radio" name="authMethod" value={value} checked={isChecked} onChange={() => onChange(value)} className="mt-0.5 accent-indigo-600" />
      <span>
        <span className="block font-medium">{title}</span>
        <span className="block text-xs text-zinc-500 dark:text-zinc-400">{description}</span>
      </span>
    </label>
  );
}
