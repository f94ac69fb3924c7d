// GET /api/credentials/issuers — every issuer a credential is registered at, offered by the register and paste forms
import { z } from "zod";
import { listIssuers } from "@/lib/server/credentials/list-issuers";
import { withOperator } from "@/lib/server/route";

const issuersSchema = z.object({ issuers: z.array(z.string()) });

export const GET = withOperator({ role: "viewer", response: { 200: issuersSchema } }, async () => ({ issuers: await listIssuers() }));
