// POST /api/credentials/:id/token — run client_credentials (or reuse the cached token); the outcome is in the body, 200 either way
import { tokenTestRequestSchema } from "@/lib/schemas/diagnostics";
import { requireCredentialRow } from "@/lib/server/credentials/get-credential";
import { runTokenTest } from "@/lib/server/diagnostics";
import { idParamsSchema, withOperator } from "@/lib/server/route";

export const dynamic = "force-dynamic";

// The body is optional: a bare POST tests with the credential's own scopes.
export const POST = withOperator(
  { params: idParamsSchema, body: tokenTestRequestSchema, isBodyOptional: true, maxBodyBytes: 4096 },
  async ({ params, body, request, operator, requestId, ip }) => {
    const credential = await requireCredentialRow(params.id);
    // request.signal: a client that goes away cancels the upstream exchange instead of leaving it running.
    return runTokenTest({ credential, operator, requestId, ip, scopesOverride: body.scopes, forceFresh: body.forceFresh, signal: request.signal });
  },
);
