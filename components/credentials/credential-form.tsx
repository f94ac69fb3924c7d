"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useState, type FormEvent, type ReactNode } from "react";
import { useWatch, type UseFormRegisterReturn } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { PasswordInput } from "@/components/ui/password-input";
import { Textarea } from "@/components/ui/textarea";
import type { ConflictTarget } from "@/lib/api-error";
import { useApiForm } from "@/lib/client/use-api-form";
import { KIND_LABELS } from "@/lib/credential-kind-labels";
import { MAX_TAGS, looksLikeUserId } from "@/lib/schemas/credential";
import { EMPTY_VALUES, createFormSchema, editFormSchema, type CredentialFormValues } from "./credential-form-values";
import { IssuerOptions } from "./issuer-options";
import { KeyFileField } from "./key-file-field";
import { usePrefilledIssuer } from "./use-prefilled-issuer";

interface CredentialFormProps {
  mode: "create" | "edit";
  initialValues?: CredentialFormValues;
  /** Sends the values; throws an ApiError when the API refuses them. */
  onSubmit: (values: CredentialFormValues) => Promise<void>;
  /** Edit only: loads the version someone else saved (the operator's choice; it replaces what they typed). */
  onReload?: () => void;
  cancelHref: string;
}

/**
 * Register or edit a credential, validated inline with the API's own schema. On create the operator picks how the
 * service user signs in, and the form asks only for what that kind needs; the secret, key or token exists only there.
 */
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
  // An edited credential has its issuer already, so only a new one's form is prefilled.
  usePrefilledIssuer(
    () => form.getValues("issuer"),
    (issuer) => form.setValue("issuer", issuer),
  );
  const authMethod = useWatch({ control: form.control, name: "authMethod" });
  const kind = useWatch({ control: form.control, name: "kind" });
  const keyFile = useWatch({ control: form.control, name: "keyFile" });
  const clientId = useWatch({ control: form.control, name: "clientId" });
  // A numeric client ID is allowed, but only once the operator has said it is meant (the warning's checkbox).
  const [numericIdMeant, setNumericIdMeant] = useState<string | null>(null);
  const [isNumericIdUnanswered, setNumericIdUnanswered] = useState(false);
  const isNumericId = kind === "client_secret" && looksLikeUserId(clientId);
  const needsNumericIdAnswer = isNumericId && numericIdMeant !== clientId.trim();
  const { isSubmitted, errors } = form.formState;
  const isConflict = failure?.status === 409 && !failure.fields;

  /** The secret, key and token leave client state as soon as the API has them, or the operator picks another kind. */
  function forgetMaterial() {
    for (const name of ["clientSecret", "keyFile", "token"] as const) form.setValue(name, "");
  }

  const send = form.submitWith(async (values) => {
    try {
      await onSubmit(values);
      forgetMaterial();
    } catch (error) {
      // A refused key file stays so its refusal shows beside it; a secret or token is typed again.
      form.setValue("clientSecret", "");
      form.setValue("token", "");
      throw error;
    }
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    if (!needsNumericIdAnswer) return send(event);
    event.preventDefault();
    setNumericIdUnanswered(true);
    document.getElementById("numeric-client-id-meant")?.focus();
  }

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
        <Alert tone="danger" title={failure.message} action={failure.conflict ? <ConflictLink conflict={failure.conflict} /> : null}>
          {failure.hint}
        </Alert>
      ) : null}

      {mode === "create" ? (
        <Section title="Sign-in" description="How the service user authenticates to ZITADEL. ZITADEL recommends a key file.">
          <fieldset>
            <legend className="text-sm font-medium text-zinc-800 dark:text-zinc-200">Kind</legend>
            <div className="mt-2 grid gap-2">
              {KIND_OPTIONS.map((option) => (
                <ChoiceOption
                  key={option.value}
                  value={option.value}
                  isChecked={kind === option.value}
                  field={register("kind", { onChange: forgetMaterial })}
                  title={option.title}
                  description={option.description}
                />
              ))}
            </div>
          </fieldset>
        </Section>
      ) : null}

      <Section title="Service user" description={SERVICE_USER_DESCRIPTIONS[kind]}>
        {mode === "edit" ? (
          <p className="text-sm">
            <span className="text-zinc-500 dark:text-zinc-400">Kind: </span>
            <span className="font-medium" data-testid="credential-kind">
              {KIND_LABELS[kind].long}
            </span>
          </p>
        ) : null}
        <Field label="Label" isOptional={mode === "create" && kind !== "pat"} error={errorFor("label")} hint={labelHint(mode, kind)}>
          <Input {...register("label")} autoComplete="off" required={mode !== "create" || kind === "pat"} maxLength={100} />
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
        {kind === "client_secret" ? (
          <Field label="Client ID" error={errorFor("clientId")} hint="The service user's user name (not its numeric ID).">
            <Input {...register("clientId")} autoComplete="off" spellCheck={false} className="font-mono" required />
          </Field>
        ) : null}
        {isNumericId ? (
          <NumericClientIdWarning
            isMeant={!needsNumericIdAnswer}
            isUnanswered={isNumericIdUnanswered && needsNumericIdAnswer}
            onChange={(isMeant) => {
              setNumericIdMeant(isMeant ? clientId.trim() : null);
              setNumericIdUnanswered(false);
            }}
          />
        ) : null}
        {mode === "create" && kind === "client_secret" ? (
          <Field
            label="Client secret"
            error={errorFor("clientSecret")}
            hint="Stored encrypted. After saving, M2M Console shows only its last characters, never the secret."
          >
            <PasswordInput {...register("clientSecret")} required />
          </Field>
        ) : null}
        {mode === "create" && kind === "jwt_profile" ? (
          <KeyFileField
            wants="serviceaccount"
            value={keyFile}
            error={errorFor("keyFile")}
            onChange={(text) => {
              form.clearErrors("keyFile");
              form.setValue("keyFile", text, { shouldValidate: isSubmitted });
            }}
          />
        ) : null}
        {mode === "create" && kind === "pat" ? (
          <Field
            label="Personal access token"
            error={errorFor("token")}
            hint="Stored encrypted. After saving, M2M Console shows only its last characters, never the token."
          >
            <PasswordInput {...register("token")} required />
          </Field>
        ) : null}
      </Section>

      <Section
        title={kind === "pat" ? "Organization lookup" : "Token request"}
        description={
          kind === "pat"
            ? "A personal access token is sent as it is: there is no token request, only the lookup."
            : "How M2M Console asks ZITADEL for a token with these credentials."
        }
      >
        {kind !== "pat" ? (
          <Field label="Scopes" error={errorFor("scopes")} hint="Space-separated, as OAuth writes them.">
            <Textarea {...register("scopes")} rows={2} spellCheck={false} className="font-mono" />
          </Field>
        ) : null}
        <Field
          label="Organization ID"
          isOptional
          error={errorFor("orgId")}
          hint="Sent as x-zitadel-orgid. Leave empty for the service user's own organization."
        >
          <Input {...register("orgId")} inputMode="numeric" autoComplete="off" className="font-mono" />
        </Field>
        {kind === "client_secret" ? (
          <fieldset>
            <legend className="text-sm font-medium text-zinc-800 dark:text-zinc-200">Client authentication</legend>
            <div className="mt-2 grid gap-2 sm:grid-cols-2">
              <ChoiceOption
                value="basic"
                isChecked={authMethod === "basic"}
                field={register("authMethod")}
                title="HTTP Basic"
                description="client_secret_basic — ZITADEL's default."
              />
              <ChoiceOption
                value="post"
                isChecked={authMethod === "post"}
                field={register("authMethod")}
                title="POST body"
                description="client_secret_post — ID and secret in the form body."
              />
            </div>
          </fieldset>
        ) : null}
        {kind === "jwt_profile" ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            M2M Console signs a short-lived assertion with the key (RS256) and sends it as the JWT bearer grant; no client authentication.
          </p>
        ) : null}
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

type Kind = CredentialFormValues["kind"];

const KIND_OPTIONS: { value: Kind; title: string; description: string }[] = [
  { value: "client_secret", title: "Client secret", description: "A client ID and secret; the client_credentials grant." },
  {
    value: "jwt_profile",
    title: "Key file (JWT profile, recommended by ZITADEL)",
    description: "The service user's JSON key file; the private key never leaves M2M Console.",
  },
  {
    value: "pat",
    title: "Personal access token",
    description: "A token ZITADEL issued for the user; used as it is, no exchange.",
  },
];

const SERVICE_USER_DESCRIPTIONS: Record<Kind, string> = {
  client_secret: "The ZITADEL service user these credentials belong to.",
  jwt_profile: "The key file names its service user; M2M Console reads the user and key ids from it.",
  pat: "The personal access token of a ZITADEL service user.",
};

function labelHint(mode: "create" | "edit", kind: Kind): string {
  const example = "A name your team recognises, e.g. “Billing sync (prod)”";
  if (mode === "edit") return `${example}.`;
  if (kind === "jwt_profile") return `${example}; left empty, “key” and the key id.`;
  if (kind === "pat") return `${example}. A token does not say whose it is, so name it.`;
  return `${example}; left empty, the client ID.`;
}

interface ChoiceOptionProps<T extends "authMethod" | "kind"> {
  value: CredentialFormValues[T];
  isChecked: boolean;
  field: UseFormRegisterReturn<T>;
  title: string;
  description: string;
}

function ChoiceOption<T extends "authMethod" | "kind">({ value, isChecked, field, title, description }: ChoiceOptionProps<T>) {
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

/** The credential a registration collided with, one click away. */
function ConflictLink({ conflict }: { conflict: ConflictTarget }) {
  return (
    <Link href={`/credentials/${conflict.credentialId}`} className={buttonClasses("secondary", "sm")} data-testid="conflict-link">
      Open {conflict.label}
    </Link>
  );
}

/** Digits only is almost always the numeric user ID, which ZITADEL refuses as a client ID; saving waits for a yes. */
function NumericClientIdWarning(props: { isMeant: boolean; isUnanswered: boolean; onChange: (isMeant: boolean) => void }) {
  return (
    <Alert tone="warning" title="This looks like a numeric user ID, not a user name">
      <p>
        For client credentials ZITADEL expects the service user&apos;s user name (for example billing-reporter) and answers a numeric ID
        with client_not_found. Copy the user name from Users → Service Users in ZITADEL.
      </p>
      <label className="mt-2 flex items-start gap-2 font-medium">
        <input
          id="numeric-client-id-meant"
          type="checkbox"
          checked={props.isMeant}
          onChange={(event) => props.onChange(event.target.checked)}
          aria-invalid={props.isUnanswered || undefined}
          aria-describedby={props.isUnanswered ? "numeric-client-id-unanswered" : undefined}
          className="mt-0.5 size-4 accent-indigo-600"
        />
        This is the user name: save it anyway
      </label>
      {props.isUnanswered ? (
        <p id="numeric-client-id-unanswered" className="mt-1 text-red-700 dark:text-red-400">
          Confirm the client ID above, or change it, to save.
        </p>
      ) : null}
    </Alert>
  );
}
