// POST /api/credentials/:id/introspect — ask ZITADEL whether the token the console holds (or the PAT) is active
import { idParamsSchema } from "@/lib/schemas/params";
import { runIntrospection } from "@/lib/server/introspection";
import { withOperator } from "@/lib/server/route";

// No body; a client that goes away cancels the call.
export const POST = withOperator({ role: "operator", params: idParamsSchema }, async ({ params, request, context }) =>
  runIntrospection(context, { credentialId: params.id, signal: request.signal }),
);
