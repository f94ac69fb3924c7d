// POST /api/credentials/:id/token/reveal — the full cached access token, on explicit request, audited as token.reveal
import { revealedTokenSchema } from "@/lib/schemas/diagnostics";
import { idParamsSchema } from "@/lib/schemas/params";
import { revealCachedToken } from "@/lib/server/diagnostics";
import { withOperator } from "@/lib/server/route";

export const POST = withOperator(
  { role: "admin", params: idParamsSchema, response: { 200: revealedTokenSchema } },
  async ({ params, context }) => revealCachedToken(context, params.id),
);
