import { ApiError } from "@/lib/api-error";
import {
  DEFAULT_SCOPES,
  createCredentialSchema,
  parseTagInput,
  updateCredentialSchema,
  type CreateCredentialInput,
  type CredentialDto,
  type UpdateCredentialInput,
} from "@/lib/schemas/credential";

// The form's state is text as typed; these turn it into API bodies and the schemas' issues into field messages.

export interface CredentialFormValues {
  label: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  orgId: string;
  authMethod: "basic" | "post";
  tags: string;
  notes: string;
}

export type FieldName = keyof CredentialFormValues;
export type FieldErrors = Partial<Record<FieldName | "_", string[]>>;

export const EMPTY_VALUES: CredentialFormValues = {
  label: "",
  issuer: "",
  clientId: "",
  clientSecret: "",
  scopes: DEFAULT_SCOPES,
  orgId: "",
  authMethod: "basic",
  tags: "",
  notes: "",
};

export function valuesFrom(credential: CredentialDto): CredentialFormValues {
  return {
    label: credential.label,
    issuer: credential.issuer,
    clientId: credential.clientId,
    clientSecret: "",
    scopes: credential.scopes,
    orgId: credential.orgId ?? "",
    authMethod: credential.authMethod,
    tags: credential.tags.join(", "),
    notes: credential.notes,
  };
}

export function toCreateInput(values: CredentialFormValues): CreateCredentialInput {
  return { ...toFields(values), clientSecret: values.clientSecret };
}

export function toUpdateInput(values: CredentialFormValues, version: number): UpdateCredentialInput {
  return { ...toFields(values), version };
}

function toFields(values: CredentialFormValues) {
  return {
    label: values.label,
    issuer: values.issuer,
    clientId: values.clientId,
    scopes: values.scopes,
    orgId: values.orgId,
    authMethod: values.authMethod,
    tags: parseTagInput(values.tags),
    notes: values.notes,
  };
}

/** Validates with the same schema the API uses; issues are keyed by form field. */
export function validate(values: CredentialFormValues, mode: "create" | "edit"): FieldErrors {
  const result =
    mode === "create" ? createCredentialSchema.safeParse(toCreateInput(values)) : updateCredentialSchema.safeParse(toUpdateInput(values, 1));
  if (result.success) return {};
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = (String(issue.path[0] ?? "_") as FieldName | "_");
    (errors[field] ??= []).push(issue.message);
  }
  return errors;
}

/** A 422/409's field messages from the API, keyed the same way. */
export function serverFieldErrors(error: ApiError): FieldErrors {
  const errors: FieldErrors = {};
  for (const [path, messages] of Object.entries(error.fields ?? {})) {
    const field = path.split(".")[0] as FieldName | "_";
    (errors[field] ??= []).push(...messages);
  }
  return errors;
}
