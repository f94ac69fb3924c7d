// POST /api/credentials/:id/actions — fix it in ZITADEL: rotate the secret, grant a manager role or reactivate the user
import { idParamsSchema } from "@/lib/schemas/params";
import { credentialActionResultSchema, credentialActionSchema } from "@/lib/schemas/provisioning";
import { runCredentialAction } from "@/lib/server/provisioning";
import { withOperator } from "@/lib/server/route";

export const POST = withOperator(
  {
    role: "admin",
    params: idParamsSchema,
    body: credentialActionSchema,
    maxBodyBytes: 2048,
    response: { 200: credentialActionResultSchema },
  },
  async ({ params, body, context }) => runCredentialAction(context, params.id, body),
);
