// POST /api/credentials/:id/token — run client_credentials (or reuse the cached token); the outcome is in the body, 200 either way
import { tokenTestRequestSchema, type TokenTestRequest } from "@/lib/schemas/diagnostics";
import { requireCredentialRow } from "@/lib/server/credentials/get-credential";
import { runTokenTest } from "@/lib/server/diagnostics";
import { idParamsSchema, readJsonBody, withOperator } from "@/lib/server/route";

export const dynamic = "force-dynamic";

export const POST = withOperator({ params: idParamsSchema }, async ({ params, request, operator, requestId, ip }) => {
  const body = await readOptionalBody(request);
  const credential = await requireCredentialRow(params.id);
  // request.signal: a client that goes away cancels the upstream exchange (security.md R-R1).
  return runTokenTest({ credential, operator, requestId, ip, scopesOverride: body.scopes, forceFresh: body.forceFresh, signal: request.signal });
});

/** The body is optional: a bare POST tests with the credential's own scopes. */
function readOptionalBody(request: Request): Promise<TokenTestRequest> {
  const hasBody = request.headers.has("content-type") || Number(request.headers.get("content-length") ?? "0") > 0;
  return hasBody ? readJsonBody(request, tokenTestRequestSchema, 4096) : Promise.resolve({});
}
