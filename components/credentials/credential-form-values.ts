import {
  DEFAULT_SCOPES,
  authMethods,
  createCredentialSchema,
  credentialKinds,
  defaultKeyLabel,
  parseTagInput,
  updateCredentialSchema,
  type CreateCredentialInput,
  type CredentialDto,
  type UpdateCredentialInput,
} from "@/lib/schemas/credential";
import { z } from "@/lib/zod";
import { previewKeyFile } from "./key-file";

// The form holds text as typed; these turn it into API bodies, and check it with the API's own schemas. Every kind's
// field is in the values, but a body carries only what its kind needs: the others never leave the browser.

const credentialFormValuesSchema = z.object({
  kind: z.enum(credentialKinds),
  label: z.string(),
  issuer: z.string(),
  clientId: z.string(),
  clientSecret: z.string(),
  keyFile: z.string(),
  token: z.string(),
  scopes: z.string(),
  orgId: z.string(),
  authMethod: z.enum(authMethods),
  tags: z.string(),
  notes: z.string(),
});

export type CredentialFormValues = z.infer<typeof credentialFormValuesSchema>;

export const EMPTY_VALUES: CredentialFormValues = {
  kind: "client_secret",
  label: "",
  issuer: "",
  clientId: "",
  clientSecret: "",
  keyFile: "",
  token: "",
  scopes: DEFAULT_SCOPES,
  orgId: "",
  authMethod: "basic",
  tags: "",
  notes: "",
};

export function valuesFrom(credential: CredentialDto): CredentialFormValues {
  return {
    ...EMPTY_VALUES,
    kind: credential.kind,
    label: credential.label,
    issuer: credential.issuer,
    clientId: credential.clientId,
    scopes: credential.scopes,
    orgId: credential.orgId ?? "",
    authMethod: credential.authMethod,
    tags: credential.tags.join(", "),
    notes: credential.notes,
  };
}

/**
 * A new credential left without a label is named as ZITADEL shows it: a secret by its client ID, a key by its key id.
 * A PAT says nothing about whose it is, so its label is the operator's to give.
 */
export function toCreateInput(values: CredentialFormValues): CreateCredentialInput {
  const common = { issuer: values.issuer, orgId: values.orgId, tags: parseTagInput(values.tags), notes: values.notes };
  const label = values.label.trim();
  if (values.kind === "jwt_profile") {
    const preview = previewKeyFile(values.keyFile);
    const named = preview.ok ? defaultKeyLabel(preview.keyId) : "";
    return { kind: "jwt_profile", ...common, label: label || named, keyFile: values.keyFile, scopes: values.scopes };
  }
  if (values.kind === "pat") return { kind: "pat", ...common, label, token: values.token };
  return {
    kind: "client_secret",
    ...common,
    label: label || values.clientId.trim(),
    clientId: values.clientId,
    clientSecret: values.clientSecret,
    scopes: values.scopes,
    authMethod: values.authMethod,
  };
}

/** Never carries the secret, key or token: an edit changes everything but that, and only the fields its kind has. */
export function toUpdateInput(values: CredentialFormValues, version: number): UpdateCredentialInput {
  return { ...toFields(values), version };
}

function toFields(values: CredentialFormValues): Omit<UpdateCredentialInput, "version"> {
  const common = { label: values.label, issuer: values.issuer, orgId: values.orgId, tags: parseTagInput(values.tags), notes: values.notes };
  if (values.kind === "pat") return common;
  if (values.kind === "jwt_profile") return { ...common, scopes: values.scopes };
  return { ...common, clientId: values.clientId, scopes: values.scopes, authMethod: values.authMethod };
}

/** The values as the body they become, parsed by the schema the create handler uses: its issues sit on the form's fields. */
export const createFormSchema = credentialFormValuesSchema.transform(toCreateInput).pipe(createCredentialSchema);

/** The same for an edit; the version is not the operator's to type, the caller adds it. */
export const editFormSchema = credentialFormValuesSchema.transform(toFields).pipe(updateCredentialSchema.omit({ version: true }));
