import { describe, expect, it } from "vitest";
import { createIntrospectionClientSchema, deleteIntrospectionClientQuerySchema } from "./introspection";

// The create body the form and the route share: a client ID and secret, or a key file, each field with its message.

describe("createIntrospectionClientSchema", () => {
  it("reads a client ID and secret as client_secret and normalizes the issuer to its origin", () => {
    expect(
      createIntrospectionClientSchema.parse({ issuer: "https://acme.zitadel.cloud/", clientId: " demo-api ", clientSecret: "s3cret" }),
    ).toEqual({
      method: "client_secret",
      issuer: "https://acme.zitadel.cloud",
      clientId: "demo-api",
      clientSecret: "s3cret",
    });
  });

  it("reads a key file as private_key_jwt", () => {
    expect(
      createIntrospectionClientSchema.parse({ issuer: "https://acme.zitadel.cloud", keyFile: '{"type":"application"}' }),
    ).toMatchObject({
      method: "private_key_jwt",
      keyFile: '{"type":"application"}',
    });
  });

  it("names the missing field, and refuses a key file sent with a secret", () => {
    const missing = createIntrospectionClientSchema.safeParse({ issuer: "https://acme.zitadel.cloud", clientId: "demo-api" });
    expect(missing.error?.issues.map((issue) => issue.path.join("."))).toEqual(["clientSecret"]);
    const both = createIntrospectionClientSchema.safeParse({ issuer: "https://acme.zitadel.cloud", keyFile: "{}", clientSecret: "x" });
    expect(both.error?.issues[0]).toMatchObject({ path: ["keyFile"], message: expect.stringContaining("not both") });
    const extra = createIntrospectionClientSchema.safeParse({ issuer: "https://acme.zitadel.cloud", keyFile: "{}", token: "x" });
    expect(extra.success).toBe(false);
  });
});

describe("deleteIntrospectionClientQuerySchema", () => {
  it("takes ?version=n and says what to send without it", () => {
    expect(deleteIntrospectionClientQuerySchema.parse({ version: "3" })).toEqual({ version: 3 });
    expect(deleteIntrospectionClientQuerySchema.safeParse({}).error?.issues[0]?.message).toBe("Send the version you saw, e.g. ?version=1.");
  });
});
