// DELETE /api/introspection-clients/:id?version=n — remove the version the admin saw (409 if it changed)
import { deleteIntrospectionClientQuerySchema, introspectionClientParamsSchema } from "@/lib/schemas/introspection";
import { deleteIntrospectionClient } from "@/lib/server/introspection";
import { withOperator } from "@/lib/server/route";

export const DELETE = withOperator(
  { role: "admin", params: introspectionClientParamsSchema, query: deleteIntrospectionClientQuerySchema, response: { 204: null } },
  async ({ params, query, context }) => {
    await deleteIntrospectionClient(context, params.id, query.version);
    return new Response(null, { status: 204 });
  },
);
