import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api-error";
import { open, seal, secretContext, tokenContext } from "@/lib/server/crypto";
import { closeAgents } from "@/lib/server/http";
import { setTestEnv } from "@/lib/server/http/testing";
import { closeStore, getStore, type CredentialRow, type Store } from "@/lib/server/store";
import { newCredential } from "@/lib/server/store/testing/fixtures";
import { startEmulatorProcess, type EmulatorProcess } from "@/lib/server/testing/emulator-process";
import { revealCachedToken, runTokenTest } from "./index";
import { toScopeKey } from "./token-source";

// The audited reveal against the emulator: only a cached, current, unexpired token comes out, and never into the audit log.

const AUD = "urn:zitadel:iam:org:project:id:zitadel:aud";
const operator = {
  id: "operator-1",
  name: "Olga Operator",
  email: null,
  login: "olga",
  role: "operator" as const,
  sessionIdHash: "session-1",
};
const context = { operator, requestId: "req-reveal", ip: "203.0.113.7" };

let emulator: EmulatorProcess;
let store: Store;
let dir: string;

beforeAll(async () => {
  emulator = await startEmulatorProcess();
  dir = mkdtempSync(join(tmpdir(), "m2m-reveal-"));
  setTestEnv({ ALLOWED_ISSUERS: emulator.issuer, SQLITE_PATH: join(dir, "console.sqlite") });
  store = await getStore();
});

afterAll(async () => {
  await closeStore();
  await closeAgents();
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

// (issuer, client ID) is unique and ZITADEL matches user names case-insensitively: each test spells it its own way.
const SPELLINGS = ["acme-reporter", "ACME-reporter", "acme-REPORTER", "Acme-Reporter"];

async function addReporter(): Promise<CredentialRow> {
  const id = randomUUID();
  const clientId = SPELLINGS.shift() ?? "ACME-REPORTER";
  const row = newCredential({
    id,
    issuer: emulator.issuer,
    clientId,
    secretEnvelope: seal("Rep0rterDemoSecretAcme2026xxxxx1", secretContext(id, emulator.issuer, clientId)),
    scopes: `openid ${AUD}`,
  });
  return store.credentials.create(row, { actor: operator.id, action: "credential.create", credentialId: id, outcome: "success" });
}

const tokenCalls = async () => (await emulator.stats()).token.total;

async function revealAudit(credentialId: string) {
  return (await store.audit.list({ credentialId, action: "token.reveal" })).items;
}

async function expectNoToken(credential: CredentialRow) {
  const error = await revealCachedToken(context, credential.id).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ApiError);
  expect(error).toMatchObject({ status: 404, code: "no_token", hint: "Run a token test first." });
}

describe("revealCachedToken", () => {
  it("returns the cached token and audits the reveal without it", async () => {
    const credential = await addReporter();
    const test = await runTokenTest(context, { credentialId: credential.id });
    const before = await tokenCalls();

    const revealed = await revealCachedToken(context, credential.id);

    const scopeKey = toScopeKey(credential.scopes.split(" "));
    const row = await store.tokenCache.get(credential.id, scopeKey);
    expect(revealed.accessToken).toBe(open(row!.tokenEnvelope, tokenContext(credential.id, scopeKey)));
    expect(revealed).toMatchObject({ tokenType: "Bearer", fingerprint: test.token?.fingerprint, expiresAt: row!.expiresAt });
    expect(await tokenCalls()).toBe(before);
    const audit = await revealAudit(credential.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor: operator.id,
      actorName: operator.name,
      outcome: "success",
      requestId: "req-reveal",
      ip: "203.0.113.7",
      clientId: credential.clientId,
    });
    expect(JSON.stringify(audit)).not.toContain(revealed.accessToken);
  });

  it("refuses when nothing is cached, without asking ZITADEL, and audits the refusal", async () => {
    const credential = await addReporter();
    const before = await tokenCalls();
    await expectNoToken(credential);
    expect(await tokenCalls()).toBe(before);
    expect(await revealAudit(credential.id)).toMatchObject([{ outcome: "failure", detail: { reason: "no_token" } }]);
  });

  it("refuses an expired token", async () => {
    const credential = await addReporter();
    await runTokenTest(context, { credentialId: credential.id });
    const scopeKey = toScopeKey(credential.scopes.split(" "));
    const row = await store.tokenCache.get(credential.id, scopeKey);
    await store.tokenCache.put({ ...row!, expiresAt: new Date(Date.now() - 1000).toISOString() });
    await expectNoToken(credential);
  });

  it("refuses a token obtained before the credential changed", async () => {
    const credential = await addReporter();
    await runTokenTest(context, { credentialId: credential.id });
    const changed = await store.credentials.update(
      credential.id,
      credential.version,
      { notes: "rotated" },
      { actor: operator.id, action: "credential.update", outcome: "success" },
    );
    await expectNoToken(changed);
  });
});
