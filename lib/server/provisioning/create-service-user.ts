import "server-only";
import { randomUUID } from "node:crypto";
import type { CreateServiceUser, ProvisioningJob } from "@/lib/schemas/provisioning";
import { recordAudit } from "@/lib/server/audit";
import { limitWrites } from "@/lib/server/limits";
import type { RequestContext } from "@/lib/server/request-context";
import { getStore } from "@/lib/server/store";
import { resolveAuthority, signInIssuer } from "./authorities";
import { newSteps, toJobDto } from "./job-dto";
import { queueJob } from "./job-queue";

// Starts creating a service user: the job row (so its progress is readable at once) and its queued job in one write;
// a worker runs its steps. It registers a credential, so it counts one write like registering one by hand.

export async function createServiceUser(context: RequestContext, input: CreateServiceUser): Promise<ProvisioningJob> {
  const issuer = input.authority.kind === "operator" ? signInIssuer() : await provisionerIssuer(input.authority.credentialId);
  const authority = await resolveAuthority(context, input.authority, issuer);
  await limitWrites(context, 1);
  const store = await getStore();
  const id = randomUUID();
  const queued = { jobId: id, from: "create_user" as const, context };
  const job = await store.provisioning.createJob(
    {
      id,
      startedBy: context.operator.id,
      startedByName: context.operator.name,
      issuer,
      authority: { kind: authority.kind, credentialId: authority.credentialId, label: authority.label },
      input: {
        userName: input.userName,
        name: input.name,
        description: input.description,
        accessTokenType: input.accessTokenType,
        orgId: input.orgId,
        role: input.role,
        ...(input.label ? { label: input.label } : {}),
        ...(input.scopes ? { scopes: input.scopes } : {}),
        tags: input.tags,
      },
      state: "running",
      steps: newSteps(input.role !== null),
      userId: null,
      credentialId: null,
    },
    (tx) => queueJob(tx, queued),
  );
  await recordAudit(context, "provisioning.create", {
    detail: { jobId: job.id, issuer, authority: authority.kind, userName: input.userName, orgId: input.orgId, role: input.role },
  });
  return toJobDto(job);
}

// A provisioner acts at the issuer it was registered for; resolveAuthority says so when it is none.
async function provisionerIssuer(credentialId: string): Promise<string> {
  const provisioner = await (await getStore()).provisioning.getProvisionerByCredential(credentialId);
  return provisioner?.issuer ?? "";
}
