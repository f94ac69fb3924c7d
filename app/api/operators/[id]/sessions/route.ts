// GET    /api/operators/:id/sessions — the operator's open sessions (when each opened and ends)
// DELETE /api/operators/:id/sessions — end every one of them at once
import { endedSessionsSchema, operatorParamsSchema, operatorSessionListSchema } from "@/lib/schemas/roles";
import { endOperatorSessions, listOperatorSessions } from "@/lib/server/operators";
import { withOperator } from "@/lib/server/route";

export const GET = withOperator(
  { role: "admin", params: operatorParamsSchema, response: { 200: operatorSessionListSchema } },
  async ({ params }) => listOperatorSessions(params.id),
);

export const DELETE = withOperator(
  { role: "admin", params: operatorParamsSchema, response: { 200: endedSessionsSchema } },
  async ({ params, context }) => endOperatorSessions(context, params.id),
);
