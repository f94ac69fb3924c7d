// GET /api/credentials/export?format=json|csv&search=&tag=&status=&org=&issuer=&sort=&order= — the credentials the
// list shows, with their last known organization and status (never a secret)
import { exportCredentials } from "@/lib/server/credentials";
import { exportQuerySchema } from "@/lib/server/credentials/export-credentials";
import { withOperator } from "@/lib/server/route";

export const GET = withOperator({ role: "admin", query: exportQuerySchema }, async ({ query }) => {
  const file = await exportCredentials(query);
  return new Response(file.body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.filename}"`,
    },
  });
});
