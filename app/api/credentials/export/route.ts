// GET /api/credentials/export?format=json|csv — download every credential's metadata (never a secret)
import { z } from "zod";
import { exportCredentials } from "@/lib/server/credentials";
import { withOperator } from "@/lib/server/route";

export const dynamic = "force-dynamic";

const exportQuerySchema = z.object({ format: z.enum(["json", "csv"], { error: 'Use format=json or format=csv.' }).default("json") });

export const GET = withOperator({ role: "admin", query: exportQuerySchema }, async ({ query }) => {
  const file = await exportCredentials(query.format);
  return new Response(file.body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.filename}"`,
    },
  });
});
