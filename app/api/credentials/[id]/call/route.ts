// POST /api/credentials/:id/call — "Try a call": a ZITADEL API request on the credential's issuer, with its token
import { apiCallRequestSchema, apiCallResultSchema } from "@/lib/schemas/api-call";
import { idParamsSchema } from "@/lib/schemas/params";
import { runApiCall } from "@/lib/server/diagnostics";
import { withOperator } from "@/lib/server/route";

// Operators send reads (GET, POST …/_search); anything that may change ZITADEL needs an admin, checked in the use case.
export const POST = withOperator(
  { role: "operator", params: idParamsSchema, body: apiCallRequestSchema, maxBodyBytes: 80 * 1024, response: { 200: apiCallResultSchema } },
  ({ params, body, context }) => runApiCall(context, params.id, body),
);
