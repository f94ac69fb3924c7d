import { describe, expect, it } from "vitest";
import {
  DEFAULT_SCOPES,
  createCredentialSchema,
  CREDENTIAL_FILTER_LIMITS,
  credentialFilterSchema,
  listCredentialsQuerySchema,
  type CreateClientSecretCredential,
  parseTagInput,
  replaceSecretSchema,
  updateCredentialSchema,
} from "./credential";
import { exportQuerySchema } from "./credential-export";
import { runScopeSchema } from "./runs";

const valid = { label: "Billing sync", issuer: "https://acme.zitadel.cloud", clientId: "billing-sa", clientSecret: "s3cret-value-1234" };

// Without a kind the body is a client secret: these tests send none, as every caller before keys and PATs did.
const parseSecret = (input: Record<string, unknown>) => createCredentialSchema.parse(input) as CreateClientSecretCredential;

function fieldErrors(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join("."), issue.message]));
}

describe("createCredentialSchema", () => {
  it("fills the defaults ZITADEL service users need", () => {
    expect(createCredentialSchema.parse(valid)).toEqual({
      ...valid,
      scopes: DEFAULT_SCOPES,
      orgId: null,
      authMethod: "basic",
      tags: [],
      notes: "",
      kind: "client_secret",
    });
  });

  it.each([
    ["https://acme.zitadel.cloud/", "https://acme.zitadel.cloud"],
    ["  https://ACME.zitadel.cloud  ", "https://acme.zitadel.cloud"],
    ["https://acme.zitadel.cloud:443", "https://acme.zitadel.cloud"],
    ["http://localhost:8080", "http://localhost:8080"],
    ["https://xn--bcher-kva.example", "https://xn--bcher-kva.example"],
    ["https://bücher.example", "https://xn--bcher-kva.example"],
  ])("normalizes the issuer %s to its origin", (issuer, origin) => {
    expect(createCredentialSchema.parse({ ...valid, issuer }).issuer).toBe(origin);
  });

  it.each([
    ["acme.zitadel.cloud", "full URL"],
    ["ftp://acme.zitadel.cloud", "https://"],
    ["javascript:alert(1)", "https://"],
    ["https://user:pw@acme.zitadel.cloud", "user name or password"],
    ["https://acme.zitadel.cloud/?x=1", "query"],
    ["https://acme.zitadel.cloud/?", "query"],
    ["https://acme.zitadel.cloud/#top", "fragment"],
    ["https://acme.zitadel.cloud/oauth/v2/token", "no path"],
    ["", "Enter the issuer"],
  ])("refuses the issuer %s with a message about %s", (issuer, message) => {
    const result = createCredentialSchema.safeParse({ ...valid, issuer });
    expect(result.success).toBe(false);
    expect(fieldErrors(result).issuer).toContain(message);
  });

  it("normalizes scopes to single spaces and drops repeats", () => {
    const scopes = "  openid\tprofile \n urn:zitadel:iam:org:project:id:zitadel:aud  openid ";
    expect(parseSecret({ ...valid, scopes }).scopes).toBe("openid profile urn:zitadel:iam:org:project:id:zitadel:aud");
  });

  it.each(['openid "profile"', "openid pro\\file", "   "])("refuses the scopes %j", (scopes) => {
    expect(fieldErrors(createCredentialSchema.safeParse({ ...valid, scopes })).scopes).toBeDefined();
  });

  it("keeps a numeric org ID, turns an empty one into null and refuses anything else", () => {
    expect(createCredentialSchema.parse({ ...valid, orgId: " 286317849361204 " }).orgId).toBe("286317849361204");
    expect(createCredentialSchema.parse({ ...valid, orgId: "" }).orgId).toBeNull();
    expect(createCredentialSchema.parse({ ...valid, orgId: null }).orgId).toBeNull();
    expect(fieldErrors(createCredentialSchema.safeParse({ ...valid, orgId: "acme" })).orgId).toContain("digits only");
  });

  it("trims the secret's outer whitespace only", () => {
    expect(parseSecret({ ...valid, clientSecret: "  a b+c/d=e%f  " }).clientSecret).toBe("a b+c/d=e%f");
  });

  it.each([
    ["clientSecret", "\ud800abcSecretValue", "client secret"],
    ["clientSecret", "abcSecretValue\udfff", "client secret"],
    ["clientId", "billing-\udc00sa", "client ID"],
    ["label", "Billing \ud83d sync", "label"],
    ["notes", "half an emoji: \ud83d", "notes"],
    ["scopes", "openid \ud800", "scopes"],
    ["issuer", "https://acme\ud800.zitadel.cloud", "issuer URL"],
  ])("refuses a %s that is not well-formed Unicode instead of storing it altered", (field, value, name) => {
    const errors = fieldErrors(createCredentialSchema.safeParse({ ...valid, [field]: value }));
    expect(errors[field]).toBe(`The ${name} contains a broken character (half of a UTF-16 surrogate pair); type or paste it again.`);
  });

  it("keeps well-formed text outside the BMP, emoji included", () => {
    expect(createCredentialSchema.parse({ ...valid, label: "Billing 🧾", clientSecret: "s3cret-🔑-value" })).toMatchObject({
      label: "Billing 🧾",
      clientSecret: "s3cret-🔑-value",
    });
  });

  it("says what is missing, field by field", () => {
    const errors = fieldErrors(createCredentialSchema.safeParse({ label: " ", issuer: "nope", clientId: "", clientSecret: "" }));
    expect(Object.keys(errors).sort()).toEqual(["clientId", "clientSecret", "issuer", "label"]);
  });

  it("refuses control characters in the secret, long labels and a third auth method", () => {
    const errors = fieldErrors(
      createCredentialSchema.safeParse({ ...valid, clientSecret: "abc\ndef", label: "x".repeat(101), authMethod: "private_key_jwt" }),
    );
    expect(Object.keys(errors).sort()).toEqual(["authMethod", "clientSecret", "label"]);
  });

  it("lower-cases and de-duplicates tags, and caps their number", () => {
    expect(createCredentialSchema.parse({ ...valid, tags: ["Prod", "prod", "billing-team"] }).tags).toEqual(["prod", "billing-team"]);
    expect(createCredentialSchema.safeParse({ ...valid, tags: ["has space"] }).success).toBe(false);
    expect(createCredentialSchema.safeParse({ ...valid, tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }).success).toBe(false);
  });
});

describe("updateCredentialSchema", () => {
  it("requires a version and applies no defaults to absent fields", () => {
    expect(updateCredentialSchema.parse({ version: 3, label: "New" })).toEqual({ version: 3, label: "New" });
    expect(fieldErrors(updateCredentialSchema.safeParse({ label: "New" })).version).toBeDefined();
  });

  it("does not accept a secret: secrets change only through the secret route", () => {
    expect(updateCredentialSchema.safeParse({ version: 1, clientSecret: "x" }).success).toBe(false);
  });
});

describe("replaceSecretSchema and listCredentialsQuerySchema", () => {
  it("needs a secret and a version", () => {
    expect(replaceSecretSchema.safeParse({ clientSecret: "new-secret" }).success).toBe(false);
    expect(replaceSecretSchema.parse({ clientSecret: " new-secret ", version: 2 })).toEqual({ clientSecret: "new-secret", version: 2 });
  });

  it("reads a query string's values", () => {
    expect(listCredentialsQuerySchema.parse({ search: " acme ", limit: "20", sort: "updatedAt", order: "desc", cursor: "" })).toEqual({
      search: "acme",
      tag: undefined,
      sort: "updatedAt",
      order: "desc",
      limit: 20,
      cursor: null,
    });
    expect(listCredentialsQuerySchema.safeParse({ limit: "1000" }).success).toBe(false);
    expect(listCredentialsQuerySchema.safeParse({ sort: "secret" }).success).toBe(false);
  });
});

describe("the one credential filter", () => {
  // The list, its counts, test-all runs and the export each take the filter; none may accept what another refuses.
  const takers = {
    list: (filter: object) => listCredentialsQuerySchema.safeParse(filter),
    counts: (filter: object) => credentialFilterSchema.safeParse(filter),
    run: (filter: object) => runScopeSchema.safeParse({ kind: "filter", filter }),
    export: (filter: object) => exportQuerySchema.safeParse(filter),
  };

  it.each(Object.entries(CREDENTIAL_FILTER_LIMITS))("takes a %s of up to %i characters everywhere, and refuses one longer", (name, max) => {
    for (const take of Object.values(takers)) {
      expect(take({ [name]: "1".repeat(max) }).success).toBe(true);
      expect(take({ [name]: "1".repeat(max + 1) }).success).toBe(false);
    }
  });

  it("refuses a search with a NUL byte or another control character in words, everywhere", () => {
    for (const take of Object.values(takers)) {
      const result = take({ search: "acme\u0000" });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe("The search must not contain control characters (such as a NUL byte).");
      expect(take({ search: "a\u001bb" }).success).toBe(false);
      expect(take({ org: "1\u0000", issuer: "https://acme.zitadel.cloud" }).success).toBe(false);
    }
  });

  it("reads a tag as tags are stored, and an empty value as no filter", () => {
    expect(credentialFilterSchema.parse({ search: "  ", tag: " Prod ", org: "", issuer: "" })).toEqual({ tag: "prod" });
  });
});

it("parseTagInput splits what an operator types", () => {
  expect(parseTagInput(" Prod, billing;team  x ")).toEqual(["prod", "billing", "team", "x"]);
});
