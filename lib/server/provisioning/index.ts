import "server-only";

// Provisioning through ZITADEL's Management API: what the provisioning routes call.

export { listAuthorities } from "./authorities";
export { createServiceUser } from "./create-service-user";
export { runCredentialAction } from "./credential-actions";
export { startProvisioningWorker } from "./job-queue";
export { listOrgs } from "./orgs";
export { listProvisioners, registerProvisioner, removeProvisioner } from "./provisioners";
export { getJob, listJobs } from "./read-jobs";
export { resumeJob } from "./resume-job";
export { takeSecretOffer } from "./secret-offer";
