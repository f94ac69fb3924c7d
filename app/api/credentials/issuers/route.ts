// GET /api/credentials/issuers — every issuer a credential is registered at, offered by the register and paste forms
import { listIssuers } from "@/lib/server/credentials/list-issuers";
import { withOperator } from "@/lib/server/route";

export const GET = withOperator({ role: "viewer" }, async () => ({ issuers: await listIssuers() }));
