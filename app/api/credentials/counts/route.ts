// GET /api/credentials/counts — how many credentials the list's filters leave, per status and per last known org
import { credentialFilterSchema } from "@/lib/schemas/credential";
import { healthCountsSchema } from "@/lib/schemas/health";
import { getHealthCounts } from "@/lib/server/health";
import { withOperator } from "@/lib/server/route";

export const GET = withOperator(
  { role: "viewer", query: credentialFilterSchema, response: { 200: healthCountsSchema } },
  async ({ query }) => getHealthCounts(query),
);
