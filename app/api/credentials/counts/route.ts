// GET /api/credentials/counts — how many credentials the list's filters leave, per status and per last known org
import { listCredentialsQuerySchema } from "@/lib/schemas/credential";
import { getHealthCounts } from "@/lib/server/health";
import { withOperator } from "@/lib/server/route";

const countsQuerySchema = listCredentialsQuerySchema.pick({ search: true, tag: true, status: true, org: true, issuer: true });

export const GET = withOperator({ role: "viewer", query: countsQuerySchema }, async ({ query }) => getHealthCounts(query));
