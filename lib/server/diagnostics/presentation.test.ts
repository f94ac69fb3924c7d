import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { presentationSchema } from "@/lib/schemas/presentation";
import { open, seal, secretContext, tokenContext } from "@/lib/server/crypto";
import { closeAgents } from "@/lib/server/http";
import { setTestEnv } from "@/lib/server/http/testing";
import { closeStore, getStore, type CredentialRow, type Store } from "@/lib/server/store";
import { newCredential } from "@/lib/server/store/testing/fixtures";
import { startEmulatorProcess, type EmulatorProcess } from "@/lib/server/testing/emulator-process";
import { getPresentation, runOrgLookup, runTokenTest } from "./index";
import { toScopeKey } from "./token-source";

// The presenter's replay of the latest recorded check, against the emulator: what a viewer sees without running
// anything, where a recorded failure stopped, and never the token.

const AUD = "urn:zitadel:iam:org:project:id:zitadel:aud";
const operator = { id: "operator-1", name: "Olga Operator", email: null, login: "olga", role: "operator" as const, sessionIdHash: "s-1" };
const context = { operator, requestId: "req-1", ip: null };

let emulator: EmulatorProcess;
let store: Store;
let dir: string;

beforeAll(async () => {
  emulator = await startEmulatorProcess();
  dir = mkdtempSync(join(tmpdir(), "m2m-presentation-"));
  setTestEnv({ ALLOWED_ISSUERS: emulator.issuer, SQLITE_PATH: join(dir, "console.sqlite") });
  store = await getStore();
});

afterAll(async () => {
  await closeStore();
  await closeAgents();
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

async function addCredential(clientId: string, secret: string): Promise<CredentialRow> {
  const id = randomUUID();
  const issuer = emulator.issuer;
  const row = newCredential({
    id,
    issuer,
    clientId,
    secretEnvelope: seal(secret, secretContext(id, issuer, clientId)),
    scopes: `openid ${AUD}`,
  });
  return store.credentials.create(row, { actor: operator.id, action: "credential.create", credentialId: id, outcome: "success" });
}

describe("getPresentation", () => {
  it("replays a working check with its exchange, scopes' meanings and organization, and no token", async () => {
    const credential = await addCredential("acme-jwt-bot", "JwtB0tDemoSecretAcme2026xxxxxxx2");
    await runTokenTest(context, { credentialId: credential.id });
    await runOrgLookup(context, { credentialId: credential.id, trigger: "operator" });
    const presentation = await getPresentation(credential.id);
    expect(presentationSchema.parse(presentation)).toEqual(presentation);
    expect(presentation.scopes.find((scope) => scope.scope === AUD)?.meaning).toContain("audience");
    expect(presentation.recorded).toMatchObject({
      by: "Olga Operator",
      tokenTest: { outcome: "ok", transcript: { request: { url: `${emulator.issuer}/oauth/v2/token` } } },
      orgLookup: { outcome: "ok", org: { name: "ACME Corporation" } },
    });
    const scopeKey = toScopeKey(credential.scopes.split(" "));
    const row = await store.tokenCache.get(credential.id, scopeKey);
    const raw = open(row!.tokenEnvelope, tokenContext(credential.id, scopeKey));
    expect(JSON.stringify(presentation)).not.toContain(raw);
    expect(presentation.scenarios.map((scenario) => [scenario.id, scenario.diagnosis.code])).toEqual([
      ["wrong_secret", "invalid_secret"],
      ["no_manager_role", "missing_permission"],
      ["deactivated_user", "user_inactive"],
      ["expired_key", "jwt_profile_rejected"],
      ["numeric_client_id", "client_not_found"],
      ["slow_issuer", "timeout"],
    ]);
  });

  it("stops a refused orgs/me at the API, after a token that worked, and offers it as the latest failure", async () => {
    const credential = await addCredential("acme-no-role", "N0RoleDemoSecretAcme2026xxxxxxx3");
    await runOrgLookup(context, { credentialId: credential.id, trigger: "operator" });
    const { recorded, scenarios } = await getPresentation(credential.id);
    expect(recorded).toMatchObject({
      tokenTest: { outcome: "ok" },
      // The request id and ZITADEL's error id, as the live answer had them: support finds the log line.
      orgLookup: {
        outcome: "failed",
        diagnosis: { code: "missing_permission", requestId: "req-1", upstreamError: { error: "AUTH-5mWD2" } },
      },
    });
    expect(scenarios[0]).toMatchObject({ id: "latest", stage: "api", diagnosis: { code: "missing_permission" } });
  });

  it("stops a refused token request at the token endpoint: the API is not part of it", async () => {
    const credential = await addCredential("acme-retired", "RetiredDemoSecretAcme2026xxxxxx4");
    await runTokenTest(context, { credentialId: credential.id });
    const { recorded, scenarios } = await getPresentation(credential.id);
    expect(recorded).toMatchObject({
      tokenTest: {
        outcome: "failed",
        diagnosis: { code: "user_inactive", requestId: "req-1", upstreamError: { description: expect.stringContaining("Errors.User") } },
      },
      orgLookup: null,
    });
    expect(recorded?.tokenTest?.curl).toContain("$CLIENT_SECRET");
    expect(scenarios[0]).toMatchObject({ id: "latest", stage: "token" });
  });
});
