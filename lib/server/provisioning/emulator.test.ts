import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServiceUserSchema, type ProvisioningJob } from "@/lib/schemas/provisioning";
import { startAlertDelivery, whenAlertsSettled } from "@/lib/server/alerts";
import { seal, secretContext } from "@/lib/server/crypto";
import { closeAgents } from "@/lib/server/http";
import { setTestEnv } from "@/lib/server/http/testing";
import { closeJobQueue } from "@/lib/server/jobs";
import type { RequestContext } from "@/lib/server/request-context";
import { closeStore, getStore } from "@/lib/server/store";
import { newCredential } from "@/lib/server/store/testing/fixtures";
import { startEmulatorProcess, type EmulatorProcess } from "@/lib/server/testing/emulator-process";
import {
  createServiceUser,
  getJob,
  registerProvisioner,
  resumeJob,
  runCredentialAction,
  startProvisioningWorker,
  takeSecretOffer,
} from "./index";

// Provisioning end to end against the bundled ZITADEL emulator over real HTTP, with provisioners from its seed:
// acme-reporter (ORG_OWNER: may create users and grant roles) and billing+ops@acme (ORG_USER_MANAGER: ZITADEL refuses
// its role grants). The emulator holds a new secret back for a moment, as ZITADEL does.

const ACME = "200000000000000001";
const context: RequestContext = {
  operator: { id: "ada", name: "Ada Admin", email: null, login: "ada", role: "admin", sessionIdHash: "no-session" },
  requestId: randomUUID(),
  ip: null,
};

let emulator: EmulatorProcess;
let dir: string;
// The status alerts the console sends while it waits for ZITADEL to accept a new secret.
const alerts: { credential: { clientId: string }; from: string | null; to: string }[] = [];
let receiver: Server;

beforeAll(async () => {
  emulator = await startEmulatorProcess({ EMULATOR_SECRET_PROPAGATION_MS: "1200" });
  dir = mkdtempSync(join(tmpdir(), "m2m-provisioning-emulator-"));
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      alerts.push(JSON.parse(body));
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  setTestEnv({
    ALLOWED_ISSUERS: emulator.issuer,
    SQLITE_PATH: join(dir, "console.sqlite"),
    PROVISIONING_SECRET_WAIT_SECONDS: "20",
    ALERT_WEBHOOK_URL: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/alerts`,
  });
  await startProvisioningWorker();
  await startAlertDelivery();
});

afterAll(async () => {
  await whenAlertsSettled();
  await closeJobQueue();
  receiver.close();
  await closeStore();
  await closeAgents();
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

const registered = new Map<string, string>();

/** Registers the seed's service user once, and makes it its issuer's provisioner (again). */
async function provisioner(clientId: string, secret: string): Promise<string> {
  const known = registered.get(clientId);
  if (known) {
    await registerProvisioner(context, known);
    return known;
  }
  const store = await getStore();
  const row = newCredential({ issuer: emulator.issuer, clientId, scopes: "openid" });
  row.secretEnvelope = seal(secret, secretContext(row.id, row.issuer, row.clientId));
  await store.credentials.create(row, { actor: "ada", action: "credential.create", outcome: "success" });
  await registerProvisioner(context, row.id);
  registered.set(clientId, row.id);
  return row.id;
}

async function settled(id: string): Promise<ProvisioningJob> {
  for (;;) {
    const job = await getJob(id);
    if (job.state !== "running") return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function emulatedUser(username: string): Promise<{ secret: string | null; memberships: { orgId: string; roles: string[] }[] }> {
  return (await fetch(`${emulator.issuer}/__emulator/users/${encodeURIComponent(username)}`)).json();
}

describe("provisioning against the emulator", () => {
  it("creates a service user with a provisioner, waits for its secret, and offers the secret once", async () => {
    const reporter = await provisioner("acme-reporter", "Rep0rterDemoSecretAcme2026xxxxx1");
    const userName = `prov-${randomBytes(4).toString("hex")}`;
    const input = createServiceUserSchema.parse({
      authority: { kind: "provisioner", credentialId: reporter },
      orgId: ACME,
      userName,
      name: "Provisioned",
    });
    const job = await settled((await createServiceUser(context, input)).id);
    expect(job.steps.map((step) => `${step.name}:${step.state}`)).toEqual([
      "create_user:done",
      "generate_secret:done",
      "register:done",
      "grant_role:done",
      "test_token:done",
      "lookup_org:done",
    ]);
    // The emulator holds the new secret back for 1.2 s: the first try cannot be the one that worked.
    const tries = Number(/after (\d+) tries/.exec(job.steps[4]?.detail ?? "")?.[1]);
    expect(tries).toBeGreaterThan(1);
    const held = await emulatedUser(userName);
    expect(held.memberships).toContainEqual({ orgId: ACME, roles: ["ORG_OWNER"] });

    expect(await takeSecretOffer(context, job.id)).toEqual({ clientId: userName, clientSecret: held.secret });
    await expect(takeSecretOffer(context, job.id)).rejects.toMatchObject({ code: "gone", status: 410 });
    const audit = await (await getStore()).audit.list({ action: "zitadel.call", limit: 200 });
    expect(audit.items.length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(audit.items)).not.toContain(held.secret);

    const rotated = await runCredentialAction(context, job.credentialId ?? "", {
      action: "rotate_secret",
      authority: { kind: "provisioner", credentialId: reporter },
      confirm: true,
    });
    expect(rotated.outcome).toBe("fixed");
    expect((await emulatedUser(userName)).secret).not.toBe(held.secret);
    // Both waits saw "secret not ready" before it worked: a new user that works, and a rotation that ends working,
    // are no change of status worth a page.
    expect(rotated.steps.find((step) => step.name === "test_token")?.detail).toMatch(/after \d+ tries/);
    await whenAlertsSettled();
    expect(alerts.filter((alert) => alert.credential.clientId === userName)).toEqual([]);
  });

  it("stops where ZITADEL refuses an Org User Manager's role grant, and resumes with an Org Owner", async () => {
    const manager = await provisioner("billing+ops@acme", "B1llingOpsDemoSecret2026xxxxxxx6");
    const input = createServiceUserSchema.parse({
      authority: { kind: "provisioner", credentialId: manager },
      orgId: ACME,
      userName: `prov-${randomBytes(4).toString("hex")}`,
      name: "Provisioned",
    });
    const failed = await settled((await createServiceUser(context, input)).id);
    expect(failed.state).toBe("failed");
    const grant = failed.steps.find((step) => step.name === "grant_role");
    expect(grant?.diagnosis?.code).toBe("provisioning_forbidden");
    expect(grant?.diagnosis?.explanation).toContain("org.member.write");

    const owner = await provisioner("acme-reporter", "Rep0rterDemoSecretAcme2026xxxxx1");
    await resumeJob(context, failed.id, { authority: { kind: "provisioner", credentialId: owner } });
    expect((await settled(failed.id)).state).toBe("done");
  });
  it("adds a role to a service user that is already a member, keeping the roles it had", async () => {
    const reporter = await provisioner("acme-reporter", "Rep0rterDemoSecretAcme2026xxxxx1");
    const authority = { kind: "provisioner" as const, credentialId: reporter };
    const userName = `prov-${randomBytes(4).toString("hex")}`;
    const input = createServiceUserSchema.parse({ authority, orgId: ACME, userName, name: "Viewer", role: "ORG_OWNER_VIEWER" });
    const job = await settled((await createServiceUser(context, input)).id);
    expect(job.state).toBe("done");

    const granted = await runCredentialAction(context, job.credentialId ?? "", {
      action: "grant_role",
      authority,
      role: "ORG_USER_MANAGER",
    });
    expect(granted.outcome).toBe("fixed");
    const roles = (await emulatedUser(userName)).memberships.find((membership) => membership.orgId === ACME)?.roles;
    expect(roles?.sort()).toEqual(["ORG_OWNER_VIEWER", "ORG_USER_MANAGER"]);
  });
});
