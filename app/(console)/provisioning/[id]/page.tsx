import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { JobView } from "@/components/provisioning/job-view";
import { RequireRole } from "@/components/shell/require-role";
import { z } from "@/lib/zod";

export const metadata: Metadata = { title: "Provisioning job" };

const paramsSchema = z.object({ id: z.string().regex(/^[\w-]{1,100}$/) });

export default async function ProvisioningJobPage({ params }: { params: Promise<{ id: string }> }) {
  const parsed = paramsSchema.safeParse(await params);
  if (!parsed.success) notFound();
  return (
    <RequireRole role="admin" what="A provisioning job">
      <JobView id={parsed.data.id} />
    </RequireRole>
  );
}
