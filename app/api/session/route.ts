// DELETE /api/session — sign out: the server-side session ends at once; the answer says where ZITADEL's session ends
import { endSession } from "@/lib/server/auth";
import { withOperator } from "@/lib/server/route";

export const DELETE = withOperator({ role: "signed-in" }, async ({ context }) => endSession(context));
