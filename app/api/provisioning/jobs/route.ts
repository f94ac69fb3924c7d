// GET /api/provisioning/jobs — the latest 50 provisioning jobs, newest first
import { provisioningJobsResponseSchema } from "@/lib/schemas/provisioning";
import { listJobs } from "@/lib/server/provisioning";
import { withOperator } from "@/lib/server/route";

export const GET = withOperator({ role: "admin", response: { 200: provisioningJobsResponseSchema } }, async () => listJobs());
