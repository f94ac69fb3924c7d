// GET /api/operators — everyone who has signed in: role, where it comes from, cap, status, last sign-in
import { operatorListSchema } from "@/lib/schemas/roles";
import { listOperators } from "@/lib/server/operators";
import { withOperator } from "@/lib/server/route";

export const GET = withOperator({ role: "admin", response: { 200: operatorListSchema } }, () => listOperators());
