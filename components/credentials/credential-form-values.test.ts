import { describe, expect, it } from "vitest";
import { DEFAULT_SCOPES, type CredentialDto } from "@/lib/schemas/credential";
import {
  EMPTY_VALUES,
  createFormSchema,
  editFormSchema,
  toCreateInput,
  toUpdateInput,
  valuesFrom,
  type CredentialFormValues,
} from "./credential-form-values";

const saved: CredentialDto = {
  id: "5f0c1d2e-0000-4000-8000-000000000001",
  label: "Billing sync (prod)",
  issuer: "https://acme.zitadel.cloud",
  clientId: "billing-sa",
  serviceUser: null,
  scopes: "openid profile",
  orgId: null,
  authMethod: "post",
  tags: ["prod", "billing"],
  notes: "Owned by the billing team.",
  kind: "client_secret",
  key: null,
  expiresAt: null,
  expiry: null,
  hasSecret: true,
  secretHint: "••••ab12",
  secretUpdatedAt: "2026-01-02T03:04:05.000Z",
  version: 3,
  createdAt: "2026-01-01T00:00:00.000Z",
  createdBy: "ada",
  updatedAt: "2026-01-02T03:04:05.000Z",
};

const typed: CredentialFormValues = {
  ...EMPTY_VALUES,
  label: "Billing sync",
  issuer: "https://acme.zitadel.cloud/",
  clientId: "billing-sa",
  clientSecret: "s3cret-value-ab12",
};

/** What the form shows under each field: the messages keyed by the field they sit on. */
function messagesByField(result: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  const fields: Record<string, string[]> = {};
  for (const issue of result.error?.issues ?? []) (fields[String(issue.path[0])] ??= []).push(issue.message);
  return fields;
}

describe("registering a credential", () => {
  it("starts with ZITADEL's default scopes and HTTP Basic, everything else empty", () => {
    expect(EMPTY_VALUES).toMatchObject({
      label: "",
      issuer: "",
      clientId: "",
      clientSecret: "",
      scopes: DEFAULT_SCOPES,
      authMethod: "basic",
    });
  });

  it("says what is missing on the field that misses it, with the API's own words", () => {
    expect(messagesByField(createFormSchema.safeParse(EMPTY_VALUES))).toEqual({
      label: ["Enter a label."],
      issuer: ["Enter the issuer URL, e.g. https://acme.zitadel.cloud."],
      clientId: ["Enter the client ID (the service user's user name)."],
      clientSecret: ["Enter the client secret."],
    });
  });

  it("accepts what the API accepts: a trailing slash on the issuer, tags typed with commas and capitals", () => {
    expect(createFormSchema.safeParse({ ...typed, tags: "Prod, billing team" }).success).toBe(true);
  });

  it.each([
    ["issuer", "acme.zitadel.cloud", "Enter a full URL such as https://acme.zitadel.cloud."],
    ["orgId", "acme", "An organization ID has digits only, e.g. 2863178493612042."],
    ["scopes", "   ", "Enter at least one scope, e.g. openid."],
    ["tags", "prod, not/a/tag", "Tags are short slugs: a–z, 0–9, - and _, up to 32 characters."],
  ] as const)("refuses a bad %s at that field", (field, value, message) => {
    expect(messagesByField(createFormSchema.safeParse({ ...typed, [field]: value }))).toEqual({ [field]: [message] });
  });

  it("names a credential left without a label by its client ID", () => {
    const parsed = createFormSchema.safeParse({ ...typed, label: "  " });
    expect(parsed.success && parsed.data.label).toBe("billing-sa");
  });

  it("sends the tags split and lower-cased, and the secret as typed", () => {
    expect(toCreateInput({ ...typed, tags: "Prod, billing  team", orgId: "" })).toMatchObject({
      tags: ["prod", "billing", "team"],
      clientSecret: "s3cret-value-ab12",
      orgId: "",
    });
  });
});

const KEY_FILE = JSON.stringify({
  type: "serviceaccount",
  keyId: "310000000000000001",
  key: "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n",
  userId: "300000000000000020",
  expirationDate: "2099-01-01T00:00:00Z",
});

describe("registering a key file or a personal access token", () => {
  it("sends a key file with only a key's fields, named by its key id when no label is given", () => {
    const body = toCreateInput({ ...typed, kind: "jwt_profile", label: "", keyFile: KEY_FILE, token: "left-over" });
    expect(body).toMatchObject({ kind: "jwt_profile", label: "key 310000000000000001", keyFile: KEY_FILE, scopes: DEFAULT_SCOPES });
    for (const field of ["clientId", "clientSecret", "authMethod", "token"]) expect(body).not.toHaveProperty(field);
  });

  it("refuses an application's key file at the key file field, with the API's explanation", () => {
    const application = JSON.stringify({ type: "application", keyId: "1", key: "x", appId: "2", clientId: "demo-api" });
    const fields = messagesByField(createFormSchema.safeParse({ ...typed, kind: "jwt_profile", keyFile: application }));
    expect(fields.keyFile?.[0]).toContain("API application's key");
  });

  it("sends a PAT with the token and no scopes, and asks for a label: the token says nothing about whose it is", () => {
    const values = { ...typed, kind: "pat" as const, label: "", token: "pat-value-1234", clientSecret: "left-over" };
    expect(messagesByField(createFormSchema.safeParse(values))).toEqual({ label: ["Enter a label."] });
    const body = toCreateInput({ ...values, label: "Reporter PAT" });
    expect(body).toMatchObject({ kind: "pat", label: "Reporter PAT", token: "pat-value-1234" });
    for (const field of ["clientId", "clientSecret", "scopes", "authMethod", "keyFile"]) expect(body).not.toHaveProperty(field);
  });
});

describe("editing a credential", () => {
  it("shows the saved values: tags as typed text, the own organization as an empty field, never a secret", () => {
    expect(valuesFrom(saved)).toEqual({
      kind: "client_secret",
      keyFile: "",
      token: "",
      label: "Billing sync (prod)",
      issuer: "https://acme.zitadel.cloud",
      clientId: "billing-sa",
      clientSecret: "",
      scopes: "openid profile",
      orgId: "",
      authMethod: "post",
      tags: "prod, billing",
      notes: "Owned by the billing team.",
    });
  });

  it("saves an untouched form without asking for the secret", () => {
    expect(editFormSchema.safeParse(valuesFrom(saved)).success).toBe(true);
    expect(createFormSchema.safeParse(valuesFrom(saved)).success).toBe(false);
  });

  it("still refuses an emptied label", () => {
    expect(messagesByField(editFormSchema.safeParse({ ...valuesFrom(saved), label: " " }))).toEqual({ label: ["Enter a label."] });
  });

  it("sends the version it started from and no secret, even one left in the form", () => {
    const body = toUpdateInput({ ...valuesFrom(saved), clientSecret: "typed-by-mistake" }, saved.version);
    expect(body).toMatchObject({ version: 3, tags: ["prod", "billing"], authMethod: "post" });
    expect(body).not.toHaveProperty("clientSecret");
  });

  it("leaves a PAT's client ID, scopes and authentication alone: it has none to edit", () => {
    const body = toUpdateInput({ ...valuesFrom(saved), kind: "pat" }, saved.version);
    for (const field of ["clientId", "scopes", "authMethod"]) expect(body).not.toHaveProperty(field);
  });
});
