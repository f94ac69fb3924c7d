// GET /api/runs/:id — one run with every item and what it came to
import { runIdParamsSchema } from "@/lib/schemas/runs";
import { withOperator } from "@/lib/server/route";
import { getRunDetail } from "@/lib/server/runs";

export const GET = withOperator({ role: "viewer", params: runIdParamsSchema }, async ({ params }) => getRunDetail(params.id));
