"use client";

import Link from "next/link";
import { issuerHost } from "@/components/credentials/issuer-host";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TableSkeleton, TBody, Td, THead, THeadRow, Tr } from "@/components/ui/table";
import { useProvisioningJobs } from "@/lib/client/use-provisioning";
import { managerRoleLabels } from "@/lib/schemas/provisioning";
import { JOB_STATES, STEP_LABELS } from "./step-labels";

// The latest service users the console created or tried to: who, where, how far each got.

const COLUMNS = ["Started", "Username", "Where", "Role", "By", "State"] as const;

export function JobsList() {
  const { jobs, error, isLoading, retry } = useProvisioningJobs();
  return (
    <section aria-labelledby="provisioning-jobs-heading" className="space-y-3">
      <h2 id="provisioning-jobs-heading" className="text-lg font-semibold tracking-tight">
        Recent jobs
      </h2>
      {error && !jobs ? (
        <ErrorState error={error} onRetry={() => void retry()} title="The provisioning jobs could not be loaded" />
      ) : isLoading || !jobs ? (
        <TableSkeleton columns={COLUMNS} label="Loading provisioning jobs" />
      ) : jobs.length === 0 ? (
        <EmptyState
          title="No service user created yet"
          description="Jobs started with “New service user” are listed here, the latest 50."
        />
      ) : (
        <Table scrollLabel="Recent provisioning jobs">
          <caption className="sr-only">Provisioning jobs, newest first</caption>
          <THead>
            <THeadRow columns={COLUMNS} />
          </THead>
          <TBody>
            {jobs.map((job) => {
              const failed = job.steps.find((step) => step.state === "failed");
              return (
                <Tr key={job.id} data-testid="job-row">
                  <Td>
                    <Link href={`/provisioning/${job.id}`} className="text-indigo-600 underline dark:text-indigo-400">
                      <RelativeTime value={job.createdAt} />
                    </Link>
                  </Td>
                  <Td className="font-mono">{job.input.userName}</Td>
                  <Td>
                    {issuerHost(job.issuer)} · <span className="font-mono text-xs">{job.input.orgId}</span>
                  </Td>
                  <Td>{job.input.role ? managerRoleLabels[job.input.role] : "No role"}</Td>
                  <Td>{job.startedBy.name}</Td>
                  <Td>
                    <Badge tone={JOB_STATES[job.state].tone}>{JOB_STATES[job.state].label}</Badge>
                    {failed ? (
                      <span className="mt-0.5 block text-xs text-zinc-500 dark:text-zinc-400">at: {STEP_LABELS[failed.name]}</span>
                    ) : null}
                  </Td>
                </Tr>
              );
            })}
          </TBody>
        </Table>
      )}
    </section>
  );
}
