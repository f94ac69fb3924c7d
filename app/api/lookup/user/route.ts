// POST /api/lookup/user — a service user by client ID, login name or user ID: ZITADEL's answer, what is wrong, its credentials
import { userLookupRequestSchema, userLookupResultSchema } from "@/lib/schemas/lookup";
import { lookupUser } from "@/lib/server/lookup";
import { withOperator } from "@/lib/server/route";

export const POST = withOperator(
  { role: "viewer", body: userLookupRequestSchema, response: { 200: userLookupResultSchema } },
  async ({ body, context }) => lookupUser(context, body),
);
