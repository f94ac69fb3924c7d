// POST /api/provisioning/jobs/:id/secret — the new service user's secret, once, to whoever started the job; 410 after
import { z } from "zod";
import { secretOfferResponseSchema } from "@/lib/schemas/provisioning";
import { takeSecretOffer } from "@/lib/server/provisioning";
import { withOperator } from "@/lib/server/route";

const paramsSchema = z.object({ id: z.uuid("Not a job id.") });

export const POST = withOperator(
  {
    role: "admin",
    params: paramsSchema,
    body: z.object({}),
    isBodyOptional: true,
    maxBodyBytes: 256,
    response: { 200: secretOfferResponseSchema },
  },
  async ({ params, context }) => takeSecretOffer(context, params.id),
);
