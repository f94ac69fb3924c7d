// GET /api/credentials/:id/tests?limit= — this credential's recent token tests and org lookups, newest first
import { testHistoryQuerySchema, testHistorySchema } from "@/lib/schemas/diagnostics";
import { idParamsSchema } from "@/lib/schemas/params";
import { listTestHistory } from "@/lib/server/diagnostics";
import { withOperator } from "@/lib/server/route";

export const GET = withOperator(
  { role: "viewer", params: idParamsSchema, query: testHistoryQuerySchema, response: { 200: testHistorySchema } },
  async ({ params, query }) => listTestHistory(params.id, query.limit),
);
