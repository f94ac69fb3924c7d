import type { JobState, JobStep, ProvisioningJob } from "@/lib/schemas/provisioning";
import type { StoreTransaction } from "./job-types";
import type { AuditEntry } from "./types";

// Provisioners (one per issuer) and provisioning jobs, as the store keeps them. A job's one-time secret offer is
// never read back with the job: only `takeSecretOffer` returns its envelope, and clears it in the same step.

export interface ProvisionerRow {
  issuer: string;
  credentialId: string;
  /** The credential's label and client ID, joined in: a provisioner is always a registered credential. */
  label: string;
  clientId: string;
  createdBy: string;
  createdByName: string | null;
  createdAt: string;
}

export type JobAuthority = ProvisioningJob["authority"];
export type JobInput = ProvisioningJob["input"] & { label?: string; scopes?: string; tags: string[] };

export interface ProvisioningJobRow {
  id: string;
  startedBy: string;
  startedByName: string | null;
  issuer: string;
  authority: JobAuthority;
  input: JobInput;
  state: JobState;
  steps: JobStep[];
  userId: string | null;
  credentialId: string | null;
  /** Whether a sealed secret is on offer; its envelope is not part of the row as read. */
  hasSecretOffer: boolean;
  secretOfferExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export type NewProvisioningJob = Omit<ProvisioningJobRow, "hasSecretOffer" | "secretOfferExpiresAt" | "createdAt" | "updatedAt">;

export type JobPatch = Partial<Pick<ProvisioningJobRow, "steps" | "userId" | "credentialId" | "authority">>;

export interface ProvisioningStore {
  listProvisioners(): Promise<ProvisionerRow[]>;
  getProvisionerForIssuer(issuer: string): Promise<ProvisionerRow | null>;
  getProvisionerByCredential(credentialId: string): Promise<ProvisionerRow | null>;
  /** Makes the credential its issuer's provisioner, replacing any other, with its audit row. Returns the one it replaced. */
  putProvisioner(row: Omit<ProvisionerRow, "label" | "clientId">, audit: AuditEntry): Promise<{ replaced: string | null }>;
  /** Removes the credential's provisioner role, with its audit row; false when it was none. */
  removeProvisioner(credentialId: string, audit: AuditEntry): Promise<boolean>;

  /** `within` runs in the same transaction (a job queued for the row exists exactly when the row does). */
  createJob(job: NewProvisioningJob, within?: (tx: StoreTransaction) => Promise<void>): Promise<ProvisioningJobRow>;
  getJob(id: string): Promise<ProvisioningJobRow | null>;
  /** Newest first. */
  listJobs(limit: number): Promise<ProvisioningJobRow[]>;
  listJobsInState(state: JobState): Promise<ProvisioningJobRow[]>;
  /** Saves a running job's progress; not found once the job ended (a worker that lost it to another must stop). */
  updateJob(id: string, patch: JobPatch): Promise<ProvisioningJobRow>;
  /** Compare-and-set on state: moves the job only if it is in `from`. Null when another caller moved it first. */
  transitionJob(
    id: string,
    from: JobState,
    to: JobState,
    patch?: JobPatch,
    within?: (tx: StoreTransaction, row: ProvisioningJobRow) => Promise<void>,
  ): Promise<ProvisioningJobRow | null>;
  setSecretOffer(id: string, envelope: string, expiresAt: string): Promise<void>;
  /**
   * Returns the offer's envelope and wipes it, once: only for `startedBy`, only before it expires. Null otherwise
   * (taken, expired, another operator's job, no job).
   */
  takeSecretOffer(id: string, startedBy: string): Promise<string | null>;
  /** Wipes offers that expired before `now`; returns how many. */
  wipeExpiredSecretOffers(now?: Date): Promise<number>;
}
