import "server-only";
import { ApiError } from "@/lib/api-error";
import { DEFAULT_SCOPES } from "@/lib/schemas/credential";
import type { Diagnosis } from "@/lib/schemas/diagnostics";
import { jobStepNames, type AuthorityRef, type JobStepName } from "@/lib/schemas/provisioning";
import { insertCredential } from "@/lib/server/credentials/create-credential";
import { seal, secretOfferContext } from "@/lib/server/crypto";
import { runOrgLookup } from "@/lib/server/diagnostics";
import { getLogger } from "@/lib/server/logger";
import type { RequestContext } from "@/lib/server/request-context";
import { getStore, type ProvisioningJobRow } from "@/lib/server/store";
import { createMachineUser, generateSecret, makeDiagnosis } from "@/lib/server/zitadel";
import { resolveAuthority, type ResolvedAuthority } from "./authorities";
import { callZitadel, type CallScope } from "./call-zitadel";
import { grantManagerRole } from "./grant-role";
import { withStep } from "./job-dto";
import { queueOfferWipe, type ProvisioningJobData } from "./job-queue";
import { triesDetail, waitForToken } from "./wait-for-token";

// Runs a queued job's steps (the request that started it has answered 202 already), on whichever instance's worker
// took the job. A job whose instance died is taken over by another once its lease lapses: it goes on from its first
// unfinished step. The new secret's plaintext exists only in `memory` below, between generate_secret and register
// (a takeover in between generates it anew); the one-time offer keeps it sealed in the job row for the operator who
// started the job. A failed step ends the run (state failed).

const OFFER_TTL_MS = 10 * 60_000;

type StepResult = { ok: true; detail: string } | { ok: false; diagnosis: Diagnosis };

interface Run {
  context: RequestContext;
  authority: ResolvedAuthority;
  job: ProvisioningJobRow;
  memory: { clientId: string | null; secret: string | null };
}

/** The queue's handler: runs the job from `from` unless it already ended. */
export async function runQueuedJob(data: ProvisioningJobData): Promise<void> {
  const store = (await getStore()).provisioning;
  const job = await store.getJob(data.jobId);
  if (!job || job.state !== "running") return;
  const run: Run = { context: data.context, authority: UNRESOLVED, job, memory: { clientId: null, secret: null } };
  try {
    run.authority = await resolveAuthority(data.context, authorityRef(job), job.issuer);
    await runSteps(run, data.from);
  } catch (error) {
    getLogger().error({ err: error, jobId: job.id }, "a provisioning job stopped on an unexpected error");
    await failStep(run.job, unexpected(error)).catch(() => undefined);
  } finally {
    run.memory.secret = null;
  }
}

/** The queue's give-up handler: a job whose worker died on every try ends failed, so it can be resumed. */
export async function abandonQueuedJob(data: ProvisioningJobData): Promise<void> {
  const job = await (await getStore()).provisioning.getJob(data.jobId);
  if (!job || job.state !== "running") return;
  const diagnosis = makeDiagnosis("unknown", {
    explanation: "The console stopped while this step ran (a restart or a crash), so its outcome is unknown. Resume the job to go on.",
    retryable: true,
  });
  await failStep(job, diagnosis);
}

// The step in hand (or the next one) fails with the diagnosis, and the job with it.
async function failStep(job: ProvisioningJobRow, diagnosis: Diagnosis): Promise<void> {
  const step = job.steps.find((candidate) => candidate.state === "running") ?? job.steps.find((candidate) => candidate.state === "pending");
  const steps = step
    ? withStep(job.steps, step.name, { state: "failed", diagnosis, detail: diagnosis.title, finishedAt: new Date().toISOString() })
    : job.steps;
  await (await getStore()).provisioning.transitionJob(job.id, "running", "failed", { steps });
}

function authorityRef(job: ProvisioningJobRow): AuthorityRef {
  return job.authority.kind === "operator" ? { kind: "operator" } : { kind: "provisioner", credentialId: job.authority.credentialId ?? "" };
}

const UNRESOLVED: ResolvedAuthority = {
  kind: "operator",
  credentialId: null,
  issuer: "",
  label: "",
  who: "",
  token: async () => ({ ok: false, diagnosis: makeDiagnosis("unknown") }),
};

async function runSteps(run: Run, from: JobStepName): Promise<void> {
  const store = (await getStore()).provisioning;
  for (const name of jobStepNames.slice(jobStepNames.indexOf(from))) {
    const step = run.job.steps.find((candidate) => candidate.name === name);
    if (!step || step.state === "done" || step.state === "skipped") continue;
    run.job = await store.updateJob(run.job.id, {
      steps: withStep(run.job.steps, name, { state: "running", attempts: step.attempts + 1, diagnosis: null, detail: null }),
    });
    const result = await runStep(run, name).catch((error: unknown) => ({ ok: false as const, diagnosis: unexpected(error) }));
    const finishedAt = new Date().toISOString();
    const change = result.ok
      ? { state: "done" as const, detail: result.detail, finishedAt }
      : { state: "failed" as const, diagnosis: result.diagnosis, detail: result.diagnosis.title, finishedAt };
    run.job = await store.updateJob(run.job.id, {
      steps: withStep(run.job.steps, name, change),
      userId: run.job.userId,
      credentialId: run.job.credentialId,
    });
    if (!result.ok) return finish(run, "failed");
  }
  return finish(run, "done");
}

async function finish(run: Run, state: "done" | "failed"): Promise<void> {
  await (await getStore()).provisioning.transitionJob(run.job.id, "running", state);
}

function runStep(run: Run, name: JobStepName): Promise<StepResult> {
  switch (name) {
    case "create_user":
      return createUser(run);
    case "generate_secret":
      return newSecret(run);
    case "register":
      return register(run);
    case "grant_role":
      return grantRole(run);
    case "test_token":
      return testToken(run);
    case "lookup_org":
      return lookupOrg(run);
  }
}

function scope(run: Run): CallScope {
  return { authority: run.authority, orgId: run.job.input.orgId };
}

async function createUser(run: Run): Promise<StepResult> {
  const { userName, name, description, accessTokenType, orgId } = run.job.input;
  const created = await callZitadel(run.context, scope(run), (connection) =>
    createMachineUser(connection, { userName, name, description, accessTokenType }),
  );
  if (!created.ok) return created;
  run.job = { ...run.job, userId: created.data.userId };
  return { ok: true, detail: `Created ${userName} (id ${created.data.userId}) in organization ${orgId}` };
}

async function newSecret(run: Run): Promise<StepResult> {
  const userId = run.job.userId;
  if (!userId) return { ok: false, diagnosis: makeDiagnosis("user_not_found") };
  const generated = await callZitadel(run.context, scope(run), (connection) => generateSecret(connection, userId));
  if (!generated.ok) return generated;
  run.memory = { clientId: generated.data.clientId, secret: generated.data.clientSecret };
  const offer = seal(generated.data.clientSecret, secretOfferContext(run.job.id, userId));
  const expiresAt = new Date(Date.now() + OFFER_TTL_MS);
  await (await getStore()).provisioning.setSecretOffer(run.job.id, offer, expiresAt.toISOString());
  await queueOfferWipe(expiresAt);
  return { ok: true, detail: `Generated a client secret for client ID ${generated.data.clientId}` };
}

async function register(run: Run): Promise<StepResult> {
  // Taken over from an instance that died after generating the secret: it was never stored, so generate it anew.
  if (!run.memory.secret) {
    const regenerated = await newSecret(run);
    if (!regenerated.ok) return regenerated;
  }
  const { clientId, secret } = run.memory;
  if (!clientId || !secret) return { ok: false, diagnosis: unexpected(new Error("the new secret is no longer held")) };
  const { input, issuer } = run.job;
  try {
    const credential = await insertCredential(run.context, {
      kind: "client_secret",
      label: input.label || input.userName,
      issuer,
      orgId: input.orgId,
      tags: input.tags,
      notes: `Created in ZITADEL by M2M Console (provisioning job ${run.job.id}).`,
      clientId,
      clientSecret: secret,
      scopes: input.scopes ?? DEFAULT_SCOPES,
      authMethod: "basic",
    });
    run.job = { ...run.job, credentialId: credential.id };
    return { ok: true, detail: `Registered as ${credential.label}` };
  } finally {
    // Sealed in the credential (or lost with a failed register, and generated anew on resume): never kept longer.
    run.memory.secret = null;
  }
}

async function grantRole(run: Run): Promise<StepResult> {
  const { userId } = run.job;
  const role = run.job.input.role;
  if (!userId || !role) return { ok: true, detail: "No manager role was asked for." };
  const granted = await grantManagerRole(run.context, scope(run), userId, role);
  return granted.ok ? { ok: true, detail: granted.data.detail } : granted;
}

async function testToken(run: Run): Promise<StepResult> {
  const credentialId = run.job.credentialId;
  if (!credentialId) return { ok: false, diagnosis: unexpected(new Error("no registered credential")) };
  const waited = await waitForToken(run.context, credentialId);
  if (!waited.ok) return { ok: false, diagnosis: waited.diagnosis ?? makeDiagnosis("unknown") };
  return { ok: true, detail: triesDetail(waited.attempts) };
}

async function lookupOrg(run: Run): Promise<StepResult> {
  const credentialId = run.job.credentialId;
  if (!credentialId) return { ok: false, diagnosis: unexpected(new Error("no registered credential")) };
  const result = await runOrgLookup(run.context, { credentialId, partOfRun: true }).catch(limitedAsDiagnosis);
  if ("diagnosis" in result && result.diagnosis) return { ok: false, diagnosis: result.diagnosis };
  if (!("org" in result) || !result.org) return { ok: false, diagnosis: makeDiagnosis("unknown") };
  return { ok: true, detail: `Sees its organization ${result.org.name} (${result.org.id})` };
}

function limitedAsDiagnosis(error: unknown): { diagnosis: Diagnosis } {
  if (error instanceof ApiError && error.code === "rate_limited") {
    return { diagnosis: makeDiagnosis("rate_limited", { explanation: error.message, retryable: true }) };
  }
  throw error;
}

// A step that failed in the console (a conflict on register, a store error): its message, never a stack.
function unexpected(error: unknown): Diagnosis {
  if (error instanceof ApiError) return makeDiagnosis("unknown", { explanation: error.message, httpStatus: error.status });
  getLogger().error({ err: error }, "a provisioning step failed in the console");
  return makeDiagnosis("unknown", { explanation: "The console could not finish this step; see its log. Resume to try again." });
}
