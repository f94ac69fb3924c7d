// GET /api/credentials/:id/org — the service user's organization via orgs/me, with the cached token when there is one
import { requireCredentialRow } from "@/lib/server/credentials/get-credential";
import { runOrgLookup } from "@/lib/server/diagnostics";
import { idParamsSchema, withOperator } from "@/lib/server/route";

export const dynamic = "force-dynamic";

// A GET because it is the live view the page polls: it changes only the token cache and the test history.
export const GET = withOperator({ params: idParamsSchema }, async ({ params, request, operator, requestId, ip }) => {
  const credential = await requireCredentialRow(params.id);
  return runOrgLookup({ credential, operator, requestId, ip, signal: request.signal });
});
