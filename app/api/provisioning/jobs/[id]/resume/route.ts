// POST /api/provisioning/jobs/:id/resume — run a failed job again from its failed step; 202, or 409 unless it failed
import { z } from "zod";
import { provisioningJobSchema, resumeJobSchema } from "@/lib/schemas/provisioning";
import { resumeJob } from "@/lib/server/provisioning";
import { json, withOperator } from "@/lib/server/route";

const paramsSchema = z.object({ id: z.uuid("Not a job id.") });

export const POST = withOperator(
  {
    role: "admin",
    params: paramsSchema,
    body: resumeJobSchema,
    isBodyOptional: true,
    maxBodyBytes: 2048,
    response: { 202: provisioningJobSchema },
  },
  async ({ params, body, context }) => json(await resumeJob(context, params.id, body), 202),
);
