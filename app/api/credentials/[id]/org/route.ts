// GET /api/credentials/:id/org — the service user's organization via orgs/me, with the cached token when there is one
import { idParamsSchema } from "@/lib/schemas/params";
import { runOrgLookup } from "@/lib/server/diagnostics";
import { withOperator } from "@/lib/server/route";

export const dynamic = "force-dynamic";

// A GET because it is the live view the page polls: it changes only the token cache and the test history.
export const GET = withOperator({ params: idParamsSchema }, async ({ params, request, context }) =>
  runOrgLookup(context, { credentialId: params.id, signal: request.signal }),
);
