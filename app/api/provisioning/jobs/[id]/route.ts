// GET /api/provisioning/jobs/:id — one provisioning job and its steps (never a secret)
import { z } from "zod";
import { provisioningJobSchema } from "@/lib/schemas/provisioning";
import { getJob } from "@/lib/server/provisioning";
import { withOperator } from "@/lib/server/route";

const paramsSchema = z.object({ id: z.uuid("Not a job id.") });

export const GET = withOperator({ role: "admin", params: paramsSchema, response: { 200: provisioningJobSchema } }, async ({ params }) =>
  getJob(params.id),
);
