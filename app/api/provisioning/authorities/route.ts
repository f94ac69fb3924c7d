// GET /api/provisioning/authorities?issuer= — whose ZITADEL permissions provisioning can use, and why not when it cannot
import { z } from "zod";
import { issuerSchema } from "@/lib/schemas/credential";
import { authoritiesResponseSchema } from "@/lib/schemas/provisioning";
import { listAuthorities } from "@/lib/server/provisioning";
import { withOperator } from "@/lib/server/route";

const querySchema = z.object({ issuer: issuerSchema.optional() });

export const GET = withOperator(
  { role: "admin", query: querySchema, response: { 200: authoritiesResponseSchema } },
  async ({ query, context }) => ({
    authorities: await listAuthorities(context, query.issuer),
  }),
);
