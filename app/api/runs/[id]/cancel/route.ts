// POST /api/runs/:id/cancel — stop a run: no further item is tested, those in hand finish; 409 once it has ended.
// Any operator may cancel any run (a run can hammer an issuer; whoever notices first may stop it): the run records who.
import { runDtoSchema, runIdParamsSchema } from "@/lib/schemas/runs";
import { withOperator } from "@/lib/server/route";
import { cancelRun } from "@/lib/server/runs";

export const POST = withOperator(
  { role: "operator", params: runIdParamsSchema, response: { 200: runDtoSchema } },
  async ({ params, context }) => cancelRun(context, params.id),
);
