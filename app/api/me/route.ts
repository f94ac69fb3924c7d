// GET /api/me — who is signed in, with which role (read from the server-side session on every request)
import { meSchema } from "@/lib/schemas/roles";
import { describeMe } from "@/lib/server/operators";
import { withOperator } from "@/lib/server/route";

export const GET = withOperator({ role: "signed-in", response: { 200: meSchema } }, async ({ context }) => describeMe(context));
