import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userLookupResultSchema } from "@/lib/schemas/lookup";
import { seal, secretContext } from "@/lib/server/crypto";
import { closeAgents } from "@/lib/server/http";
import { setTestEnv } from "@/lib/server/http/testing";
import { registerProvisioner } from "@/lib/server/provisioning";
import type { RequestContext } from "@/lib/server/request-context";
import { closeStore, getStore } from "@/lib/server/store";
import { newCredential } from "@/lib/server/store/testing/fixtures";
import { startEmulatorProcess, type EmulatorProcess } from "@/lib/server/testing/emulator-process";
import { lookupUser } from "./index";

// The user lookup end to end against the emulator's Management API, read by an admin through the issuer's provisioner
// (acme-reporter, Org Owner of ACME), and by a viewer who gets the console's part only.

const ACME = { id: "200000000000000001", name: "ACME Corporation", primaryDomain: "acme.localhost" };
const NO_ROLE = { loginName: "acme-no-role", id: "300000000000000003" };
const KEY_BOT = { loginName: "acme-key-bot", id: "300000000000000013" };

function contextAs(role: "admin" | "operator" | "viewer"): RequestContext {
  const operator = { id: `${role}-1`, name: `${role} one`, email: null, login: role, role, sessionIdHash: "no-session" };
  return { operator, requestId: randomUUID(), ip: null };
}

let emulator: EmulatorProcess;
let dir: string;
let registeredNoRole: string;

beforeAll(async () => {
  emulator = await startEmulatorProcess();
  dir = mkdtempSync(join(tmpdir(), "m2m-user-lookup-"));
  setTestEnv({ ALLOWED_ISSUERS: emulator.issuer, SQLITE_PATH: join(dir, "console.sqlite") });
  const store = await getStore();
  const reporter = newCredential({ issuer: emulator.issuer, clientId: "acme-reporter", scopes: "openid" });
  reporter.secretEnvelope = seal("Rep0rterDemoSecretAcme2026xxxxx1", secretContext(reporter.id, reporter.issuer, reporter.clientId));
  await store.credentials.create(reporter, { actor: "admin-1", action: "credential.create", outcome: "success" });
  await registerProvisioner(contextAs("admin"), reporter.id);
  const noRole = newCredential({ issuer: emulator.issuer, clientId: NO_ROLE.loginName, label: "No role" });
  await store.credentials.create(noRole, { actor: "admin-1", action: "credential.create", outcome: "success" });
  registeredNoRole = noRole.id;
});

afterAll(async () => {
  await closeStore();
  await closeAgents();
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("user lookup", () => {
  it("reads a user by login name with the provisioner: its org, state, secret, roles, and that orgs/me will answer 403", async () => {
    const answer = await lookupUser(contextAs("admin"), { query: NO_ROLE.loginName });
    expect(userLookupResultSchema.strict().parse(answer)).toEqual(answer);
    expect(answer).toMatchObject({ outcome: "found", queryKind: "login_name", issuer: emulator.issuer });
    expect(answer.authority).toMatchObject({ kind: "provisioner", label: expect.stringContaining("acme-reporter") });
    expect(answer.user).toMatchObject({ id: NO_ROLE.id, loginName: NO_ROLE.loginName, state: "active", hasSecret: true, org: ACME });
    expect(answer.user?.memberships).toEqual([]);
    expect(answer.findings.map((finding) => finding.title)).toEqual(["No manager role: orgs/me will answer 403"]);
    expect(answer.credentials.map((credential) => credential.id)).toEqual([registeredNoRole]);

    const audit = (await (await getStore()).audit.list({ action: "user.lookup" })).items[0];
    expect(audit).toMatchObject({ actor: "admin-1", outcome: "success" });
    expect(audit?.detail).toMatchObject({ query: NO_ROLE.loginName, userId: NO_ROLE.id, findings: ["missing_permission"] });
  });

  it("reads a user by numeric id with its keys, one of them expired", async () => {
    const answer = await lookupUser(contextAs("admin"), { query: KEY_BOT.id });
    expect(answer).toMatchObject({ outcome: "found", queryKind: "user_id" });
    expect(answer.user?.loginName).toBe(KEY_BOT.loginName);
    expect(answer.user?.keys?.map((key) => key.id)).toEqual(["600000000000000001", "600000000000000002"]);
    expect(answer.user?.memberships?.[0]).toMatchObject({ scope: "org", id: ACME.id, roles: ["ORG_OWNER"] });
    expect(answer.findings).toEqual([]);
  });

  it("says a deactivated user is deactivated", async () => {
    const answer = await lookupUser(contextAs("admin"), { query: "300000000000000004" });
    expect(answer.user?.state).toBe("inactive");
    expect(answer.findings[0]).toMatchObject({ code: "user_inactive" });
  });

  it("says not found, or not readable, with the permission that would read it", async () => {
    const answer = await lookupUser(contextAs("admin"), { query: "nobody-by-this-name" });
    expect(answer).toMatchObject({ outcome: "not_found", user: null });
    expect(answer.note).toMatch(/Not found, or you cannot read its organization.*user\.global\.read/);
  });

  it("never lets an operator read with a provisioner, and says why their own account cannot read when it cannot", async () => {
    const store = await getStore();
    const provisioner = (await store.provisioning.listProvisioners())[0]!;
    await expect(
      lookupUser(contextAs("operator"), {
        query: NO_ROLE.loginName,
        authority: { kind: "provisioner", credentialId: provisioner.credentialId },
      }),
    ).rejects.toMatchObject({ code: "forbidden", status: 403 });
    // No sign-in session here, so no ZITADEL token of their own: nothing is asked, the console's part is answered.
    const answer = await lookupUser(contextAs("operator"), { query: NO_ROLE.loginName });
    expect(answer).toMatchObject({ outcome: "not_asked", user: null, authorities: [{ kind: "operator", available: false }] });
    expect(answer.note).toBeTruthy();
    expect(answer.credentials.map((credential) => credential.id)).toEqual([registeredNoRole]);
  });

  it("gives a viewer the registered credentials and a note, and asks ZITADEL nothing", async () => {
    const before = (await (await getStore()).audit.list({ action: "zitadel.call" })).items.length;
    const answer = await lookupUser(contextAs("viewer"), { query: NO_ROLE.loginName });
    expect(answer).toMatchObject({ outcome: "not_asked", authority: null, authorities: [], user: null });
    expect(answer.note).toMatch(/Viewers see the credentials registered here/);
    expect(answer.credentials.map((credential) => credential.id)).toEqual([registeredNoRole]);
    expect((await (await getStore()).audit.list({ action: "zitadel.call" })).items.length).toBe(before);
  });
});
