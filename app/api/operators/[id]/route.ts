// PATCH /api/operators/:id — cap an operator's role or disable them; `version` must be current (409 otherwise)
import { operatorDtoSchema, operatorParamsSchema, updateOperatorSchema } from "@/lib/schemas/roles";
import { updateOperator } from "@/lib/server/operators";
import { withOperator } from "@/lib/server/route";

export const PATCH = withOperator(
  { role: "admin", params: operatorParamsSchema, body: updateOperatorSchema, maxBodyBytes: 1024, response: { 200: operatorDtoSchema } },
  async ({ params, body, context }) => updateOperator(context, params.id, body),
);
