// GET /api/introspection-clients — the application each issuer's tokens are introspected with (never its secret or key)
// POST /api/introspection-clients — register one for an issuer: a client ID and secret, or an API app's key file
import { createIntrospectionClientSchema, introspectionClientListSchema, introspectionClientSchema } from "@/lib/schemas/introspection";
import { createIntrospectionClient, listIntrospectionClients } from "@/lib/server/introspection";
import { json, withOperator } from "@/lib/server/route";

export const GET = withOperator({ role: "admin", response: { 200: introspectionClientListSchema } }, () => listIntrospectionClients());

export const POST = withOperator(
  { role: "admin", body: createIntrospectionClientSchema, maxBodyBytes: 32 * 1024, response: { 201: introspectionClientSchema } },
  async ({ body, context }) => json(await createIntrospectionClient(context, body), 201),
);
