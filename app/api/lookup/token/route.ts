// POST /api/lookup/token — whose is a pasted access token, and does ZITADEL still accept it
import { tokenLookupRequestSchema, tokenLookupResultSchema } from "@/lib/schemas/lookup";
import { lookupToken } from "@/lib/server/lookup";
import { withOperator } from "@/lib/server/route";

export const POST = withOperator(
  { role: "viewer", body: tokenLookupRequestSchema, response: { 200: tokenLookupResultSchema } },
  async ({ body, context }) => lookupToken(context, body),
);
