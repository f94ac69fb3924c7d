"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { useWatch } from "react-hook-form";
import { issuerHost } from "@/components/credentials/issuer-host";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { useApiForm } from "@/lib/client/use-api-form";
import { useAuthorities, useCreateServiceUser, useZitadelOrgs } from "@/lib/client/use-provisioning";
import { parseTagInput } from "@/lib/schemas/credential";
import {
  createServiceUserSchema,
  machineUserNameSchema,
  managerRoleLabels,
  managerRoles,
  type CreateServiceUserInput,
  type ManagerRole,
} from "@/lib/schemas/provisioning";
import { z } from "@/lib/zod";
import { authorityKey, authorityRef } from "./authority-choice";
import { AuthorityField } from "./authority-field";

// A new ZITADEL service user, created by the console step by step: the form says what and where; the job's page then
// shows every step. Nothing here is secret: the console generates the secret and stores it itself.

const NO_ROLE = "";

const valuesSchema = z.object({
  authority: z.string().min(1, "Choose whose ZITADEL permissions to use."),
  orgId: z.string().min(1, "Choose an organization."),
  userName: machineUserNameSchema,
  name: createServiceUserSchema.shape.name,
  description: z.string().max(500, "Keep the description to 500 characters."),
  accessTokenType: z.enum(["bearer", "jwt"]),
  role: z.string(),
  label: z.string(),
  tags: z.string(),
});
type Values = z.input<typeof valuesSchema>;

const EMPTY: Values = {
  authority: "",
  orgId: "",
  userName: "",
  name: "",
  description: "",
  accessTokenType: "bearer",
  role: "ORG_OWNER",
  label: "",
  tags: "",
};

function toInput(values: Values): CreateServiceUserInput {
  return {
    authority: authorityRef(values.authority) ?? { kind: "operator" },
    orgId: values.orgId,
    userName: values.userName.trim(),
    name: values.name.trim(),
    description: values.description.trim(),
    accessTokenType: values.accessTokenType,
    role: values.role === NO_ROLE ? null : (values.role as ManagerRole),
    label: values.label.trim() || undefined,
    tags: parseTagInput(values.tags),
  };
}

export function NewServiceUserForm() {
  const router = useRouter();
  const create = useCreateServiceUser();
  const { authorities, error: authoritiesError, retry: retryAuthorities } = useAuthorities();
  const form = useApiForm<Values>({
    defaultValues: EMPTY,
    resolver: zodResolver(valuesSchema, undefined, { raw: true }),
    fallback: { message: "The service user could not be created.", hint: "Check your connection and try again." },
  });
  const { register, errorFor, failure, isSaving, setValue } = form;
  const authority = useWatch({ control: form.control, name: "authority" });
  const orgId = useWatch({ control: form.control, name: "orgId" });
  const role = useWatch({ control: form.control, name: "role" });
  const { orgs, error: orgsError, isLoading: isLoadingOrgs, retry: retryOrgs } = useZitadelOrgs(authorityRef(authority));
  const chosen = authorities?.find((candidate) => authorityKey(candidate) === authority);

  // The first authority that can be used, then the first org it reaches: one click creates a user in the usual place.
  useEffect(() => {
    const usable = authorities?.filter((candidate) => candidate.available) ?? [];
    if (usable.length > 0 && !usable.some((candidate) => authorityKey(candidate) === authority))
      setValue("authority", authorityKey(usable[0]!));
  }, [authorities, authority, setValue]);
  useEffect(() => {
    if (orgs && orgs.length > 0 && !orgs.some((org) => org.id === orgId)) setValue("orgId", orgs[0]!.id);
  }, [orgs, orgId, setValue]);

  const submit = form.submitWith(async (values) => {
    const job = await create(toInput(values));
    router.push(`/provisioning/${job.id}`);
  });

  return (
    <form
      noValidate
      onSubmit={submit}
      className="space-y-6 rounded-lg border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
    >
      {failure && !failure.fields ? (
        <Alert tone={failure.status === 409 ? "warning" : "danger"} title={failure.message}>
          {failure.hint}
        </Alert>
      ) : null}
      <AuthorityField
        authorities={authorities}
        error={authoritiesError}
        onRetry={() => void retryAuthorities()}
        value={authority}
        onChange={(key) => setValue("authority", key, { shouldValidate: form.formState.isSubmitted })}
        showsIssuer={new Set(authorities?.map((candidate) => candidate.issuer)).size > 1}
        fieldError={errorFor("authority")}
      />
      {chosen ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="target-issuer">
          The user is created at <span className="font-mono">{issuerHost(chosen.issuer)}</span>.
        </p>
      ) : null}
      {orgsError && !orgs ? (
        <ErrorState error={orgsError} onRetry={() => void retryOrgs()} title="The organizations could not be read from ZITADEL" />
      ) : (
        <Field
          label="Organization"
          error={errorFor("orgId")}
          hint={isLoadingOrgs ? "Asking ZITADEL which organizations you may read…" : "The organization the service user belongs to."}
        >
          <Select {...register("orgId")}>
            {!orgs || orgs.length === 0 ? <option value="">{isLoadingOrgs ? "Loading…" : "No organization"}</option> : null}
            {orgs?.map((org) => (
              <option key={org.id} value={org.id}>
                {org.name} ({org.primaryDomain || org.id})
              </option>
            ))}
          </Select>
        </Field>
      )}
      <div className="grid gap-5 sm:grid-cols-2">
        <Field label="Username" error={errorFor("userName")} hint="Its login name in ZITADEL and its client ID; no spaces.">
          <Input {...register("userName")} autoComplete="off" spellCheck={false} className="font-mono" required />
        </Field>
        <Field label="Display name" error={errorFor("name")}>
          <Input {...register("name")} autoComplete="off" required />
        </Field>
      </div>
      <Field label="Description" isOptional error={errorFor("description")}>
        <Textarea {...register("description")} rows={2} maxLength={500} />
      </Field>
      <fieldset>
        <legend className="text-sm font-medium text-zinc-800 dark:text-zinc-200">Access token type</legend>
        <div className="mt-2 flex flex-wrap gap-4 text-sm">
          <label className="flex items-center gap-2">
            <input type="radio" value="bearer" {...register("accessTokenType")} className="accent-indigo-600" />
            Bearer (opaque token)
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" value="jwt" {...register("accessTokenType")} className="accent-indigo-600" />
            JWT
          </label>
        </div>
      </fieldset>
      <Field
        label="Manager role"
        error={errorFor("role")}
        hint={
          role === NO_ROLE
            ? "Without a role the service user cannot read its own organization: its org lookup will fail."
            : "Granted on the organization above. Every one of these lets the service user read its organization."
        }
      >
        <Select {...register("role")}>
          {managerRoles.map((value) => (
            <option key={value} value={value}>
              {managerRoleLabels[value]}
            </option>
          ))}
          <option value={NO_ROLE}>No role</option>
        </Select>
      </Field>
      <div className="grid gap-5 sm:grid-cols-2">
        <Field label="Label" isOptional error={errorFor("label")} hint="The registered credential's name; the username when empty.">
          <Input {...register("label")} autoComplete="off" />
        </Field>
        <Field label="Tags" isOptional error={errorFor("tags")} hint="Separated by commas or spaces, e.g. prod, billing.">
          <Input {...register("tags")} autoComplete="off" />
        </Field>
      </div>
      <div className="flex flex-wrap items-center justify-end gap-3 border-t border-zinc-200 pt-5 dark:border-zinc-800">
        <p aria-live="polite" className="mr-auto text-sm text-zinc-500 dark:text-zinc-400">
          {isSaving ? "Starting…" : ""}
        </p>
        <Link href="/credentials" className={buttonClasses("secondary")}>
          Cancel
        </Link>
        <Button type="submit" variant="primary" isLoading={isSaving}>
          Create service user
        </Button>
      </div>
    </form>
  );
}
