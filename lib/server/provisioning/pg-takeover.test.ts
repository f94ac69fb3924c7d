import { randomBytes, randomUUID } from "node:crypto";
import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServiceUserSchema, type ProvisioningJob } from "@/lib/schemas/provisioning";
import { seal, secretContext } from "@/lib/server/crypto";
import { closeAgents } from "@/lib/server/http";
import { setTestEnv } from "@/lib/server/http/testing";
import { closeJobQueue, setJobQueueForTests } from "@/lib/server/jobs";
import type { RequestContext } from "@/lib/server/request-context";
import { closeStore, getStore } from "@/lib/server/store";
import { newCredential } from "@/lib/server/store/testing/fixtures";
import { openScratchSchema } from "@/lib/server/store/testing/pg-scratch-schema";
import { startEmulatorProcess, type EmulatorProcess } from "@/lib/server/testing/emulator-process";
import { openTakeoverQueue, startWorkerInstance } from "@/lib/server/testing/takeover";
import { createServiceUser, getJob, registerProvisioner, startProvisioningWorker } from "./index";

// Two app instances on one PostgreSQL: instance A (a child process) takes a provisioning job and is killed (SIGKILL)
// while ZITADEL holds its token test; instance B (this process) takes the job over once A's lease lapses and
// finishes it. Runs when TEST_DATABASE_URL is set.

const url = process.env.TEST_DATABASE_URL;
const ACME = "200000000000000001";
const LEASE_SECONDS = 5;
const context: RequestContext = {
  operator: { id: "ada", name: "Ada Admin", email: null, login: "ada", role: "admin", sessionIdHash: "no-session" },
  requestId: randomUUID(),
  ip: null,
};

let emulator: EmulatorProcess;
let scratch: Awaited<ReturnType<typeof openScratchSchema>>;

beforeAll(async () => {
  if (!url) return;
  emulator = await startEmulatorProcess({ EMULATOR_SECRET_PROPAGATION_MS: "200" });
  scratch = await openScratchSchema(url, "m2m_takeover");
  // A held token request must outlast the kill, not end in a timeout first.
  setTestEnv({ ALLOWED_ISSUERS: emulator.issuer, PROVISIONING_SECRET_WAIT_SECONDS: "20", UPSTREAM_TIMEOUT_MS: "60000" });
  setJobQueueForTests(openTakeoverQueue(`${scratch.schema}_boss`, LEASE_SECONDS));
});

afterAll(async () => {
  if (!url) return;
  await closeJobQueue();
  await closeStore();
  await closeAgents();
  await emulator.close();
  await scratch.drop();
});

function startInstanceA() {
  return startWorkerInstance("provisioning", `${scratch.schema}_boss`, LEASE_SECONDS);
}

async function until(read: () => Promise<ProvisioningJob>, done: (job: ProvisioningJob) => boolean): Promise<ProvisioningJob> {
  for (;;) {
    const job = await read();
    if (done(job)) return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.skipIf(!url)("a provisioning job whose instance dies", () => {
  it("is taken over by another instance and finishes there", async () => {
    const store = await getStore();
    const reporter = newCredential({ issuer: emulator.issuer, clientId: "acme-reporter", scopes: "openid" });
    reporter.secretEnvelope = seal("Rep0rterDemoSecretAcme2026xxxxx1", secretContext(reporter.id, reporter.issuer, reporter.clientId));
    await store.credentials.create(reporter, { actor: "ada", action: "credential.create", outcome: "success" });
    await registerProvisioner(context, reporter.id);

    const userName = `takeover-${randomBytes(4).toString("hex")}`;
    const gate = `${emulator.issuer}/__emulator/gates/${encodeURIComponent(userName)}`;
    expect((await fetch(gate, { method: "POST" })).ok).toBe(true);
    const instanceA = await startInstanceA();
    const exited = once(instanceA, "exit");

    const input = createServiceUserSchema.parse({
      authority: { kind: "provisioner", credentialId: reporter.id },
      orgId: ACME,
      userName,
      name: "Taken over",
    });
    const { id } = await createServiceUser(context, input);
    // A has run every step up to the token test, which ZITADEL now holds: A dies there.
    const midway = await until(
      () => getJob(id),
      (job) => job.steps.find((step) => step.name === "test_token")?.state === "running",
    );
    expect(midway.steps.filter((step) => step.state === "done").map((step) => step.name)).toEqual([
      "create_user",
      "generate_secret",
      "register",
      "grant_role",
    ]);
    instanceA.kill("SIGKILL");
    await exited;
    await fetch(gate, { method: "DELETE" });

    await startProvisioningWorker();
    const job = await until(
      () => getJob(id),
      (current) => current.state !== "running",
    );
    expect(job.state).toBe("done");
    expect(job.steps.map((step) => `${step.name}:${step.state}`)).toEqual([
      "create_user:done",
      "generate_secret:done",
      "register:done",
      "grant_role:done",
      "test_token:done",
      "lookup_org:done",
    ]);
    // Tried once on A (cut short) and once on B; the steps A finished were not run again.
    expect(job.steps.find((step) => step.name === "test_token")?.attempts).toBe(2);
    expect(job.steps.find((step) => step.name === "create_user")?.attempts).toBe(1);
  }, 60_000);
});
