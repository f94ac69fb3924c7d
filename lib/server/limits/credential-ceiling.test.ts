import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCredentialSchema } from "@/lib/schemas/credential";
import { createCredential, importCredentials } from "@/lib/server/credentials";
import { setTestEnv } from "@/lib/server/http/testing";
import type { RequestContext } from "@/lib/server/request-context";
import { closeStore, getStore } from "@/lib/server/store";

// MAX_CREDENTIALS: one console holds a bounded number of credentials, whoever creates them and however.

const ISSUER = "https://acme.zitadel.example";
const MAX = 3;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "m2m-ceiling-"));
  setTestEnv({ ALLOWED_ISSUERS: ISSUER, SQLITE_PATH: join(dir, "console.sqlite"), MAX_CREDENTIALS: String(MAX) });
});

afterAll(async () => {
  await closeStore();
  rmSync(dir, { recursive: true, force: true });
});

const context: RequestContext = {
  operator: { id: "admin-1", name: "admin", email: null, login: "admin", role: "admin", sessionIdHash: "session-admin" },
  requestId: "req-ceiling",
  ip: null,
};
const row = (clientId: string) => ({ label: clientId, issuer: ISSUER, clientId, clientSecret: `secret-${clientId}-0123456789` });

describe("the credential ceiling", () => {
  it("refuses a create or an import past MAX_CREDENTIALS with 409, saying how many more fit, and stores nothing", async () => {
    await createCredential(context, createCredentialSchema.parse(row("first")));
    await createCredential(context, createCredentialSchema.parse(row("second")));

    const csv = ["label,issuer,clientId,clientSecret", ...["third", "fourth"].map((id) => Object.values(row(id)).join(","))].join("\n");
    const refusedImport = await importCredentials(context, { format: "csv", text: csv }).catch((error: unknown) => error);
    expect(refusedImport).toMatchObject({ status: 409, code: "conflict", message: expect.stringContaining("1 more can be added") });

    await createCredential(context, createCredentialSchema.parse(row("third")));
    const refused = await createCredential(context, createCredentialSchema.parse(row("fourth"))).catch((error: unknown) => error);
    expect(refused).toMatchObject({ status: 409, code: "conflict", hint: expect.stringContaining("MAX_CREDENTIALS") });

    const store = await getStore();
    expect((await store.credentials.list({ limit: 10, staleBefore: new Date().toISOString() })).total).toBe(MAX);
    const audit = await store.audit.list({ action: "access.rate_limited", limit: 10 });
    expect(audit.items.map((item) => item.detail?.limit)).toEqual(["max_credentials", "max_credentials"]);
  });
});
