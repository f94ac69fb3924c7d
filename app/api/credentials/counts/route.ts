// GET /api/credentials/counts — how many credentials the list's filters leave, per status and per last known org
import { listCredentialsQuerySchema } from "@/lib/schemas/credential";
import { healthCountsSchema } from "@/lib/schemas/health";
import { getHealthCounts } from "@/lib/server/health";
import { withOperator } from "@/lib/server/route";

export const dynamic = "force-dynamic";

const countsQuerySchema = listCredentialsQuerySchema.pick({ search: true, tag: true, status: true, org: true, issuer: true });

export const GET = withOperator({ role: "viewer", query: countsQuerySchema, response: { 200: healthCountsSchema } }, async ({ query }) =>
  getHealthCounts(query),
);
