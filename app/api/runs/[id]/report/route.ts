// GET /api/runs/:id/report — the run as a redacted report: its counts and each failing credential's diagnosis
import { runReportSchema } from "@/lib/reports/run-report";
import { runIdParamsSchema } from "@/lib/schemas/runs";
import { withOperator } from "@/lib/server/route";
import { getRunReport } from "@/lib/server/runs";

export const GET = withOperator(
  { role: "viewer", params: runIdParamsSchema, response: { 200: runReportSchema } },
  async ({ params, context }) => getRunReport(params.id, context.operator.name),
);
