// DELETE /api/provisioners/:credentialId — the credential stops being its issuer's provisioner (it stays registered)
import { z } from "zod";
import { removeProvisioner } from "@/lib/server/provisioning";
import { withOperator } from "@/lib/server/route";

const paramsSchema = z.object({ credentialId: z.uuid("Not a credential id.") });

export const DELETE = withOperator({ role: "admin", params: paramsSchema, response: { 204: null } }, async ({ params, context }) => {
  await removeProvisioner(context, params.credentialId);
  return new Response(null, { status: 204 });
});
