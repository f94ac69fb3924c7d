// DELETE /api/session — sign out: the server-side session ends at once; the answer says where ZITADEL's session ends
import { z } from "zod";
import { endSession } from "@/lib/server/auth";
import { withOperator } from "@/lib/server/route";

const signedOutSchema = z.object({
  endSessionUrl: z.string().describe("Where ZITADEL's own session ends: open it to sign out there too."),
});

export const DELETE = withOperator({ role: "signed-in", response: { 200: signedOutSchema } }, async ({ context }) => endSession(context));
