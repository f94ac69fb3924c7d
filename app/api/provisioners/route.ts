// GET /api/provisioners — the credentials named to act in ZITADEL, one per issuer
// PUT /api/provisioners — name a credential its issuer's provisioner (replaces the issuer's current one)
import { provisionerSchema, provisionersResponseSchema, registerProvisionerSchema } from "@/lib/schemas/provisioning";
import { listProvisioners, registerProvisioner } from "@/lib/server/provisioning";
import { withOperator } from "@/lib/server/route";

export const GET = withOperator({ role: "admin", response: { 200: provisionersResponseSchema } }, async () => listProvisioners());

export const PUT = withOperator(
  { role: "admin", body: registerProvisionerSchema, maxBodyBytes: 1024, response: { 200: provisionerSchema } },
  async ({ body, context }) => registerProvisioner(context, body.credentialId),
);
