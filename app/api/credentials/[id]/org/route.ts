// POST /api/credentials/:id/org — look up the service user's organization via orgs/me (the cached token when there is one)
import { idParamsSchema } from "@/lib/schemas/params";
import { runOrgLookup } from "@/lib/server/diagnostics";
import { withOperator } from "@/lib/server/route";

export const dynamic = "force-dynamic";

// A POST although the page polls it: it calls ZITADEL with the stored secret and writes history, so it must carry the
// same-origin checks as every other write (a cross-site navigation must not trigger it).
export const POST = withOperator({ role: "operator", params: idParamsSchema }, async ({ params, request, context }) =>
  runOrgLookup(context, { credentialId: params.id, signal: request.signal }),
);
