import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { JobStep } from "@/lib/schemas/provisioning";
import { auditEntry, newCredential } from "./testing/fixtures";
import type { NewProvisioningJob, Store } from "./types";

// Provisioning on both databases: the session's sealed ZITADEL token dies with the session, one provisioner per
// issuer, a job moves between states once (compare-and-set), and its secret offer is handed out once.

function newJob(overrides: Partial<NewProvisioningJob> = {}): NewProvisioningJob {
  const steps: JobStep[] = [
    { name: "create_user", state: "pending", detail: null, diagnosis: null, attempts: 0, finishedAt: null },
    { name: "generate_secret", state: "pending", detail: null, diagnosis: null, attempts: 0, finishedAt: null },
  ];
  return {
    id: randomUUID(),
    startedBy: "ada",
    startedByName: "Ada Admin",
    issuer: "https://acme.zitadel.cloud",
    authority: { kind: "operator", credentialId: null, label: "Your own ZITADEL account" },
    input: {
      userName: `svc-${randomBytes(3).toString("hex")}`,
      name: "Billing",
      description: "",
      accessTokenType: "bearer",
      orgId: "100",
      role: "ORG_OWNER",
      tags: [],
    },
    state: "running",
    steps,
    userId: null,
    credentialId: null,
    ...overrides,
  };
}

export function describeProvisioningSuite(getStore: () => Store): void {
  describe("provisioning", () => {
    it("keeps the operator's sealed ZITADEL token with the session and drops it when the session ends", async () => {
      const store = getStore();
      const expiresAt = new Date(Date.now() + 600_000).toISOString();
      const idHash = randomBytes(16).toString("hex");
      const signIn = {
        operator: {
          id: randomUUID(),
          login: "ada",
          name: "Ada",
          email: null,
          signInRole: "admin" as const,
          roleSource: "zitadel" as const,
        },
        session: {
          idHash,
          expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
          idTokenEnvelope: null,
          zitadelTokenEnvelope: "v1.sealed",
          zitadelTokenExpiresAt: expiresAt,
        },
      };
      await store.operators.recordSignIn(signIn, auditEntry("login.success"));
      const live = await store.operators.getLiveSession(idHash);
      expect(live?.session).toMatchObject({ zitadelTokenEnvelope: "v1.sealed", zitadelTokenExpiresAt: expiresAt });
      const closed = await store.operators.revokeSession(idHash);
      expect(closed).toMatchObject({ zitadelTokenEnvelope: null, zitadelTokenExpiresAt: null });
    });

    it("keeps one provisioner per issuer: registering another replaces it, deleting its credential removes it", async () => {
      const store = getStore();
      const issuer = `https://p-${randomBytes(3).toString("hex")}.example.com`;
      const first = await store.credentials.create(newCredential({ issuer }), auditEntry("credential.create"));
      const second = await store.credentials.create(newCredential({ issuer }), auditEntry("credential.create"));
      const row = { issuer, createdBy: "ada", createdByName: "Ada", createdAt: new Date().toISOString() };

      expect(await store.provisioning.putProvisioner({ ...row, credentialId: first.id }, auditEntry("provisioner.register"))).toEqual({
        replaced: null,
      });
      expect(await store.provisioning.putProvisioner({ ...row, credentialId: second.id }, auditEntry("provisioner.register"))).toEqual({
        replaced: first.id,
      });
      expect(await store.provisioning.getProvisionerForIssuer(issuer)).toMatchObject({
        credentialId: second.id,
        label: second.label,
        clientId: second.clientId,
      });
      expect(await store.provisioning.getProvisionerByCredential(first.id)).toBeNull();

      await store.credentials.delete(second.id, null, auditEntry("credential.delete"));
      expect(await store.provisioning.getProvisionerForIssuer(issuer)).toBeNull();
      expect(await store.provisioning.removeProvisioner(second.id, auditEntry("provisioner.remove"))).toBe(false);

      await store.provisioning.putProvisioner({ ...row, credentialId: first.id }, auditEntry("provisioner.register"));
      expect(await store.provisioning.removeProvisioner(first.id, auditEntry("provisioner.remove"))).toBe(true);
      expect((await store.provisioning.listProvisioners()).some((p) => p.issuer === issuer)).toBe(false);
      expect((await store.audit.list({ action: "provisioner.register" })).total).toBeGreaterThanOrEqual(3);
    });

    it("moves a job between states once, whoever else tries at the same time", async () => {
      const store = getStore();
      const job = await store.provisioning.createJob(newJob());
      expect(job).toMatchObject({ state: "running", hasSecretOffer: false, userId: null });
      await store.provisioning.updateJob(job.id, { userId: "3021", steps: [{ ...job.steps[0]!, state: "done" }] });
      expect(await store.provisioning.transitionJob(job.id, "running", "failed")).toMatchObject({ state: "failed", userId: "3021" });

      const resumes = await Promise.all([
        store.provisioning.transitionJob(job.id, "failed", "running"),
        store.provisioning.transitionJob(job.id, "failed", "running"),
      ]);
      expect(resumes.filter(Boolean)).toHaveLength(1);
      expect((await store.provisioning.getJob(job.id))?.state).toBe("running");
      expect(await store.provisioning.getJob(randomUUID())).toBeNull();
    });

    it("lists jobs newest first and by state", async () => {
      const store = getStore();
      const older = await store.provisioning.createJob(newJob());
      await new Promise((resolve) => setTimeout(resolve, 5));
      const newer = await store.provisioning.createJob(newJob({ state: "failed" }));
      const ids = (await store.provisioning.listJobs(50)).map((job) => job.id);
      expect(ids.indexOf(newer.id)).toBeLessThan(ids.indexOf(older.id));
      expect((await store.provisioning.listJobsInState("failed")).map((job) => job.id)).toContain(newer.id);
      expect((await store.provisioning.listJobsInState("failed")).map((job) => job.id)).not.toContain(older.id);
    });

    it("hands the secret offer out once, only to the operator who started the job, and never after it expired", async () => {
      const store = getStore();
      const job = await store.provisioning.createJob(newJob());
      await store.provisioning.setSecretOffer(job.id, "v1.offer", new Date(Date.now() + 600_000).toISOString());
      expect((await store.provisioning.getJob(job.id))?.hasSecretOffer).toBe(true);
      expect(await store.provisioning.takeSecretOffer(job.id, "someone-else")).toBeNull();
      const takes = await Promise.all([
        store.provisioning.takeSecretOffer(job.id, "ada"),
        store.provisioning.takeSecretOffer(job.id, "ada"),
      ]);
      expect(takes.filter(Boolean)).toEqual(["v1.offer"]);
      expect((await store.provisioning.getJob(job.id))?.hasSecretOffer).toBe(false);

      const stale = await store.provisioning.createJob(newJob());
      await store.provisioning.setSecretOffer(stale.id, "v1.stale", new Date(Date.now() - 1000).toISOString());
      expect((await store.provisioning.getJob(stale.id))?.hasSecretOffer).toBe(false);
      expect(await store.provisioning.wipeExpiredSecretOffers()).toBeGreaterThanOrEqual(1);
      expect(await store.provisioning.takeSecretOffer(stale.id, "ada")).toBeNull();
    });
  });
}
