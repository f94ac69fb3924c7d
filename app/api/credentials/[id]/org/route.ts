// POST /api/credentials/:id/org — look up the service user's organization via orgs/me (the cached token when there is one)
import { orgLookupRequestSchema } from "@/lib/schemas/audit";
import { orgLookupResultSchema } from "@/lib/schemas/diagnostics";
import { idParamsSchema } from "@/lib/schemas/params";
import { runOrgLookup } from "@/lib/server/diagnostics";
import { withOperator } from "@/lib/server/route";

// A POST although the page polls it: it calls ZITADEL with the stored secret and writes history, so it must carry the
// same-origin checks as every other write (a cross-site navigation must not trigger it).
// The body is optional ({ "trigger": "auto" } from the page's own lookup); without one it is an operator's request.
export const POST = withOperator(
  {
    role: "operator",
    params: idParamsSchema,
    body: orgLookupRequestSchema,
    isBodyOptional: true,
    response: { 200: orgLookupResultSchema },
  },
  async ({ params, body, context }) => runOrgLookup(context, { credentialId: params.id, trigger: body.trigger }),
);
