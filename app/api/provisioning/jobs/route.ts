// GET /api/provisioning/jobs — the latest 50 provisioning jobs, newest first
import { listJobs } from "@/lib/server/provisioning";
import { withOperator } from "@/lib/server/route";

export const GET = withOperator({ role: "admin" }, async () => listJobs());
