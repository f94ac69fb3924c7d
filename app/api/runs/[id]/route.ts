// GET /api/runs/:id — one run with every item and what it came to
import { runDetailSchema, runIdParamsSchema } from "@/lib/schemas/runs";
import { withOperator } from "@/lib/server/route";
import { getRunDetail } from "@/lib/server/runs";

export const GET = withOperator({ role: "viewer", params: runIdParamsSchema, response: { 200: runDetailSchema } }, async ({ params }) =>
  getRunDetail(params.id),
);
