// DELETE /api/operators/:id/sessions/:sessionId — end one open session of the operator
import { operatorSessionParamsSchema } from "@/lib/schemas/roles";
import { endOperatorSession } from "@/lib/server/operators";
import { withOperator } from "@/lib/server/route";

export const dynamic = "force-dynamic";

export const DELETE = withOperator({ role: "admin", params: operatorSessionParamsSchema }, async ({ params, context }) =>
  endOperatorSession(context, params.id, params.sessionId),
);
