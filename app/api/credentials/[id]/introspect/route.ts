// POST /api/credentials/:id/introspect — ask ZITADEL whether the token the console holds (or the PAT) is active
import { introspectionResultSchema } from "@/lib/schemas/introspection";
import { idParamsSchema } from "@/lib/schemas/params";
import { runIntrospection } from "@/lib/server/introspection";
import { withOperator } from "@/lib/server/route";

// No body. A client that goes away does not cancel the call: it uses a stored secret, so it runs to its end and is recorded.
export const POST = withOperator(
  { role: "operator", params: idParamsSchema, response: { 200: introspectionResultSchema } },
  async ({ params, context }) => runIntrospection(context, { credentialId: params.id }),
);
