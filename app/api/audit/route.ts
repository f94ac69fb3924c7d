// GET /api/audit?credentialId=&cursor= — the append-only audit log, newest first
import { auditPageSchema, listAuditQuerySchema } from "@/lib/schemas/audit";
import { listAudit } from "@/lib/server/audit";
import { withOperator } from "@/lib/server/route";

export const GET = withOperator({ role: "admin", query: listAuditQuerySchema, response: { 200: auditPageSchema } }, async ({ query }) =>
  listAudit(query),
);
