// GET /api/credentials/issuers — every issuer a credential is registered at, and the one the register and paste forms start with
import { z } from "zod";
import { defaultIssuer, listIssuers } from "@/lib/server/credentials/list-issuers";
import { withOperator } from "@/lib/server/route";

const issuersSchema = z.object({
  issuers: z.array(z.string()),
  /** DEFAULT_ISSUER: prefilled in the forms; null when unset. */
  defaultIssuer: z.string().nullable(),
});

export const GET = withOperator({ role: "viewer", response: { 200: issuersSchema } }, async () => ({
  issuers: await listIssuers(),
  defaultIssuer: defaultIssuer(),
}));
