"use client";

import useSWR, { useSWRConfig } from "swr";
import { apiFetch } from "@/lib/client/fetcher";
import type {
  AuthoritiesResponse,
  OrgsResponse,
  ProvisioningJobsResponse,
  SecretOfferResponse,
  AuthorityRef,
  CreateServiceUserInput,
  ProvisioningJob,
  ResumeJobInput,
} from "@/lib/schemas/provisioning";

// Creating service users in ZITADEL: whose permissions may be used, the orgs they reach, the jobs that create a
// user step by step (POST /api/provisioning/service-users, GET/POST /api/provisioning/jobs/…).

const JOBS_URL = "/api/provisioning/jobs";
const SERVICE_USERS_URL = "/api/provisioning/service-users";
/** A running job's steps change within a second or two: poll it about twice a second, and stop when it ends. */
const RUNNING_POLL_MS = 500;

export function provisioningJobUrl(id: string): string {
  return `${JOBS_URL}/${encodeURIComponent(id)}`;
}

/** The `?authority=` of the orgs request: "operator", or the provisioner's credential id. */
export function authorityParam(authority: AuthorityRef): string {
  return authority.kind === "operator" ? "operator" : authority.credentialId;
}

/** Every authority the console could use, or only those for one issuer. */
export function useAuthorities(issuer?: string | null) {
  const url = issuer ? `/api/provisioning/authorities?issuer=${encodeURIComponent(issuer)}` : "/api/provisioning/authorities";
  const { data, error, isLoading, mutate } = useSWR(url, (key: string) => apiFetch<AuthoritiesResponse>(key));
  return { authorities: data?.authorities, error: error as unknown, isLoading, retry: () => mutate() };
}

/** The organizations the chosen authority may read in ZITADEL; nothing is asked until an authority is chosen. */
export function useZitadelOrgs(authority: AuthorityRef | null) {
  const url = authority ? `/api/provisioning/orgs?authority=${encodeURIComponent(authorityParam(authority))}` : null;
  const { data, error, isLoading, mutate } = useSWR(url, (key: string) => apiFetch<OrgsResponse>(key), {
    revalidateOnFocus: false,
  });
  return { orgs: data?.orgs, error: error as unknown, isLoading, retry: () => mutate() };
}

export function useProvisioningJobs() {
  const { data, error, isLoading, mutate } = useSWR(JOBS_URL, (url: string) => apiFetch<ProvisioningJobsResponse>(url), {
    refreshInterval: (latest) => (latest?.items.some((job) => job.state === "running") ? 2_000 : 0),
  });
  return { jobs: data?.items, error: error as unknown, isLoading, retry: () => mutate() };
}

/** Starts a job (202): its steps run on the server; the job's page follows them. */
export function useCreateServiceUser() {
  const { mutate } = useSWRConfig();
  return async (input: CreateServiceUserInput): Promise<ProvisioningJob> => {
    const job = await apiFetch<ProvisioningJob>(SERVICE_USERS_URL, { method: "POST", body: input });
    await mutate(provisioningJobUrl(job.id), job, { revalidate: false });
    void mutate(JOBS_URL);
    return job;
  };
}

/** One job, re-read while it runs; resuming it, and taking its one-time secret offer. */
export function useProvisioningJob(id: string) {
  const { mutate: mutateKey } = useSWRConfig();
  const url = provisioningJobUrl(id);
  const { data, error, isLoading, mutate } = useSWR(url, (key: string) => apiFetch<ProvisioningJob>(key), {
    refreshInterval: (latest) => (latest?.state === "running" ? RUNNING_POLL_MS : 0),
    // SWR shares one request per key for dedupingInterval (2 s by default), which would slow the polling to that.
    dedupingInterval: RUNNING_POLL_MS / 2,
  });

  async function resume(input: ResumeJobInput): Promise<ProvisioningJob> {
    const job = await apiFetch<ProvisioningJob>(`${url}/resume`, { method: "POST", body: input });
    await mutate(job, { revalidate: false });
    void mutateKey(JOBS_URL);
    return job;
  }

  /**
   * The plaintext secret, once. It stays in the caller's component state only; never in SWR's cache, where it would
   * outlive the dialog. The job is read again so its `secretOffer` turns false.
   */
  async function takeSecret() {
    try {
      return await apiFetch<SecretOfferResponse>(`${url}/secret`, { method: "POST", body: {} });
    } finally {
      void mutate();
    }
  }

  return { job: data, error: error as unknown, isLoading, retry: () => mutate(), resume, takeSecret };
}
