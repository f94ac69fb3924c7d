// PUT /api/credentials/:id/secret — replace the client secret, key file or PAT, matching the credential's kind (write-only)
import { credentialDtoSchema, replaceMaterialSchema } from "@/lib/schemas/credential";
import { idParamsSchema } from "@/lib/schemas/params";
import { replaceSecret } from "@/lib/server/credentials";
import { withOperator } from "@/lib/server/route";

export const PUT = withOperator(
  { role: "admin", params: idParamsSchema, body: replaceMaterialSchema, response: { 200: credentialDtoSchema } },
  async ({ params, body, context }) => replaceSecret(context, params.id, body),
);
