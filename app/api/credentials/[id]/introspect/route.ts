// POST /api/credentials/:id/introspect — ask ZITADEL whether the token the console holds (or the PAT) is active
import { introspectionResultSchema } from "@/lib/schemas/introspection";
import { idParamsSchema } from "@/lib/schemas/params";
import { runIntrospection } from "@/lib/server/introspection";
import { withOperator } from "@/lib/server/route";

export const dynamic = "force-dynamic";

// No body; a client that goes away cancels the call.
export const POST = withOperator(
  { role: "operator", params: idParamsSchema, response: { 200: introspectionResultSchema } },
  async ({ params, request, context }) => runIntrospection(context, { credentialId: params.id, signal: request.signal }),
);
