import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { tokenLookupResultSchema } from "@/lib/schemas/lookup";
import { closeAgents } from "@/lib/server/http";
import { setTestEnv } from "@/lib/server/http/testing";
import { createIntrospectionClient, deleteIntrospectionClient } from "@/lib/server/introspection";
import { closeStore, getStore, type Store } from "@/lib/server/store";
import { newCredential } from "@/lib/server/store/testing/fixtures";
import { startEmulatorProcess, type EmulatorProcess } from "@/lib/server/testing/emulator-process";
import { lookupToken } from "./index";

// The lookup end to end: SQLite store, the ZITADEL emulator's token, JWKS and introspection endpoints (API app
// demo-api of project 500000000000000002), and a captured log. No answer, audit row or log line may hold the token.

const logLines: string[] = [];
vi.mock("@/lib/server/logger", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/server/logger")>();
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString());
      done();
    },
  });
  return { ...original, getLogger: () => original.createLogger("debug", sink) };
});

const API_SCOPES = "openid urn:zitadel:iam:user:resourceowner urn:zitadel:iam:org:project:id:500000000000000002:aud";
const JWT_BOT = { clientId: "acme-jwt-bot", secret: "JwtB0tDemoSecretAcme2026xxxxxxx2", userId: "300000000000000002" };
const REPORTER = { clientId: "acme-reporter", secret: "Rep0rterDemoSecretAcme2026xxxxx1", userId: "300000000000000001" };
const ACME_ORG = "200000000000000001";
const viewer = { id: "viewer-1", name: "Vic Viewer", email: null, login: "vic", role: "viewer" as const, sessionIdHash: "s-1" };
const context = { operator: viewer, requestId: "req-1", ip: null };

let emulator: EmulatorProcess;
let store: Store;
let dir: string;
let credentialId: string;

beforeAll(async () => {
  emulator = await startEmulatorProcess();
  dir = mkdtempSync(join(tmpdir(), "m2m-lookup-"));
  setTestEnv({ ALLOWED_ISSUERS: emulator.issuer, SQLITE_PATH: join(dir, "console.sqlite") });
  store = await getStore();
  const row = newCredential({ issuer: emulator.issuer, clientId: JWT_BOT.clientId, label: "JWT bot" });
  credentialId = row.id;
  await store.credentials.create(row, { actor: viewer.id, action: "credential.create", credentialId, outcome: "success" });
});

afterAll(async () => {
  await closeStore();
  await closeAgents();
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

async function obtainToken(user: { clientId: string; secret: string }): Promise<string> {
  const response = await fetch(`${emulator.issuer}/oauth/v2/token`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `Basic ${Buffer.from(`${user.clientId}:${user.secret}`).toString("base64")}`,
    },
    body: new URLSearchParams({ grant_type: "client_credentials", scope: API_SCOPES }),
  });
  const body = (await response.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`no token: ${JSON.stringify(body)}`);
  return body.access_token;
}

async function withIntrospectionClient<T>(work: () => Promise<T>): Promise<T> {
  const client = await createIntrospectionClient(context, {
    method: "client_secret",
    issuer: emulator.issuer,
    clientId: "demo-api",
    clientSecret: "demo-api-secret",
  });
  try {
    return await work();
  } finally {
    await deleteIntrospectionClient(context, client.id, client.version);
  }
}

async function expectTokenNowhere(token: string, answer: unknown): Promise<void> {
  const audit = (await store.audit.list({ action: "token.lookup" })).items;
  const text = JSON.stringify([answer, audit]) + logLines.join("");
  expect(text).not.toContain(token);
  // Not even a recognisable part of it: the signature, the longest segment, is the secret half of a JWT.
  expect(text).not.toContain(token.split(".").at(-1)?.slice(0, 24) ?? token.slice(0, 24));
}

describe("token lookup", () => {
  it("names the service user and org of an emulator JWT, verifies it, finds it active and lists its registered credential", async () => {
    const token = await obtainToken(JWT_BOT);
    const answer = await withIntrospectionClient(() => lookupToken(context, { token }));

    expect(tokenLookupResultSchema.strict().parse(answer)).toEqual(answer);
    expect(answer).toMatchObject({ issuer: emulator.issuer, kind: "jwt", signature: "verified", accepted: "yes" });
    expect(answer.subject).toMatchObject({
      userId: JWT_BOT.userId,
      clientId: JWT_BOT.clientId,
      orgId: ACME_ORG,
      orgName: "ACME Corporation",
    });
    expect(answer.introspection).toMatchObject({ configured: true, outcome: "active" });
    expect(answer.expiresAt && Date.parse(answer.expiresAt)).toBeGreaterThan(Date.now());
    expect(answer.credentials.map((credential) => credential.id)).toEqual([credentialId]);
    expect(answer.fingerprint).toMatch(/^sha256:/);

    const audit = (await store.audit.list({ action: "token.lookup" })).items[0];
    expect(audit).toMatchObject({ actor: viewer.id, outcome: "success" });
    expect(audit?.detail).toMatchObject({ fingerprint: answer.fingerprint, accepted: "yes" });
    await expectTokenNowhere(token, answer);
  });

  it("says a JWT whose claims were altered is not verified, and ZITADEL does not vouch for it", async () => {
    const token = await obtainToken(JWT_BOT);
    const [header, payload, signature] = token.split(".");
    const claims = JSON.parse(Buffer.from(payload ?? "", "base64url").toString()) as Record<string, unknown>;
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: REPORTER.userId })).toString("base64url")}.${signature}`;

    const answer = await withIntrospectionClient(() => lookupToken(context, { token: forged }));
    expect(answer.signature).toBe("unverified");
    expect(answer.signatureNote).toMatch(/does not match the issuer's signing keys/);
    expect(answer.accepted).not.toBe("yes");
    await expectTokenNowhere(forged, answer);
  });

  it("introspects an opaque token: whose it is comes from ZITADEL's answer", async () => {
    const token = await obtainToken(REPORTER);
    const answer = await withIntrospectionClient(() => lookupToken(context, { token, issuer: emulator.issuer }));

    expect(answer).toMatchObject({ kind: "opaque", signature: "not_applicable", accepted: "yes", claims: null });
    expect(answer.subject).toMatchObject({ userId: REPORTER.userId, orgId: ACME_ORG });
    expect(answer.credentials).toEqual([]);
    await expectTokenNowhere(token, answer);
  });

  it("cannot tell whether ZITADEL accepts a token when the issuer has no introspection client, and says how to fix that", async () => {
    const token = await obtainToken(JWT_BOT);
    const answer = await lookupToken(context, { token });
    expect(answer).toMatchObject({ signature: "verified", accepted: "unknown", introspection: { configured: false } });
    expect(answer.verdict).toMatch(/no introspection client/);
  });

  it("refuses an issuer the console does not know with 422 and calls nothing there", async () => {
    let calls = 0;
    const server: Server = createServer((_request, response) => {
      calls += 1;
      response.end("{}");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    const stranger = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    try {
      const token = await obtainToken(JWT_BOT);
      const [header, payload] = token.split(".");
      const claims = JSON.parse(Buffer.from(payload ?? "", "base64url").toString()) as Record<string, unknown>;
      const foreign = `${header}.${Buffer.from(JSON.stringify({ ...claims, iss: stranger })).toString("base64url")}.c2ln`;

      await expect(lookupToken(context, { token: foreign })).rejects.toMatchObject({ code: "validation_failed", status: 422 });
      await expect(lookupToken(context, { token: "opaque-token-value", issuer: stranger })).rejects.toMatchObject({ status: 422 });
      await expect(lookupToken(context, { token: "opaque-token-value" })).rejects.toMatchObject({ status: 422 });
      expect(calls).toBe(0);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
