// POST /api/credentials/:id/token — run client_credentials (or reuse the cached token); the outcome is in the body, 200 either way
import { tokenTestRequestSchema } from "@/lib/schemas/diagnostics";
import { idParamsSchema } from "@/lib/schemas/params";
import { runTokenTest } from "@/lib/server/diagnostics";
import { withOperator } from "@/lib/server/route";

export const dynamic = "force-dynamic";

// The body is optional: a bare POST tests with the credential's own scopes. A client that goes away cancels the exchange.
export const POST = withOperator({ role: "operator", params: idParamsSchema, body: tokenTestRequestSchema, isBodyOptional: true, maxBodyBytes: 4096 },
  async ({ params, body, request, context }) =>
    runTokenTest(context, { credentialId: params.id, scopesOverride: body.scopes, forceFresh: body.forceFresh, signal: request.signal }),
);
