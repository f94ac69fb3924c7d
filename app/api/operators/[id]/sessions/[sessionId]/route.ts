// DELETE /api/operators/:id/sessions/:sessionId — end one open session of the operator
import { endedSessionsSchema, operatorSessionParamsSchema } from "@/lib/schemas/roles";
import { endOperatorSession } from "@/lib/server/operators";
import { withOperator } from "@/lib/server/route";

export const DELETE = withOperator(
  { role: "admin", params: operatorSessionParamsSchema, response: { 200: endedSessionsSchema } },
  async ({ params, context }) => endOperatorSession(context, params.id, params.sessionId),
);
