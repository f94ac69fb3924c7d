import { z } from "@/lib/zod";
import {
  DEFAULT_SCOPES,
  authMethods,
  createCredentialSchema,
  parseTagInput,
  updateCredentialSchema,
  type CreateCredentialInput,
  type CredentialDto,
  type UpdateCredentialInput,
} from "@/lib/schemas/credential";

// The form holds text as typed; these turn it into API bodies, and check it with the API's own schemas.

const credentialFormValuesSchema = z.object({
  label: z.string(),
  issuer: z.string(),
  clientId: z.string(),
  clientSecret: z.string(),
  scopes: z.string(),
  orgId: z.string(),
  authMethod: z.enum(authMethods),
  tags: z.string(),
  notes: z.string(),
});

export type CredentialFormValues = z.infer<typeof credentialFormValuesSchema>;

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

/** A new credential left without a label is named by its client ID, which is what ZITADEL shows for it too. */
export function toCreateInput(values: CredentialFormValues): CreateCredentialInput {
  return { ...toFields(values), label: values.label.trim() || values.clientId.trim(), clientSecret: values.clientSecret };
}

/** Never carries the secret: an edit changes everything but that. */
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

/** The values as the body they become, parsed by the schema the create handler uses: its issues sit on the form's fields. */
export const createFormSchema = credentialFormValuesSchema.transform(toCreateInput).pipe(createCredentialSchema);

/** The same for an edit; the version is not the operator's to type, the caller adds it. */
export const editFormSchema = credentialFormValuesSchema
  .transform((values): Omit<UpdateCredentialInput, "version"> => toFields(values))
  .pipe(updateCredentialSchema.omit({ version: true }));
