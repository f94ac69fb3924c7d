// GET /api/credentials/:id/tests?limit= — this credential's recent token tests and org lookups, newest first
import { testHistoryQuerySchema } from "@/lib/schemas/diagnostics";
import { requireCredentialRow } from "@/lib/server/credentials/get-credential";
import { listTestHistory } from "@/lib/server/diagnostics";
import { idParamsSchema, withOperator } from "@/lib/server/route";

export const dynamic = "force-dynamic";

export const GET = withOperator({ params: idParamsSchema, query: testHistoryQuerySchema }, async ({ params, query }) =>
  listTestHistory(await requireCredentialRow(params.id), query.limit),
);
