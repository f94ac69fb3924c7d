// POST /api/provisioning/service-users — create a service user in ZITADEL and register it; 202, the steps run on (poll the job)
import { createServiceUserSchema, provisioningJobSchema } from "@/lib/schemas/provisioning";
import { createServiceUser } from "@/lib/server/provisioning";
import { json, withOperator } from "@/lib/server/route";

export const POST = withOperator(
  { role: "admin", body: createServiceUserSchema, maxBodyBytes: 8 * 1024, response: { 202: provisioningJobSchema } },
  async ({ body, context }) => json(await createServiceUser(context, body), 202),
);
