// GET /api/credentials/export?format=json|csv&search=&tag=&status=&org=&issuer=&sort=&order= — the credentials the
// list shows, with their last known organization and status (never a secret)
import { z } from "zod";
import { credentialDtoSchema } from "@/lib/schemas/credential";
import { exportQuerySchema } from "@/lib/schemas/credential-export";
import { exportCredentials } from "@/lib/server/credentials";
import { withOperator } from "@/lib/server/route";

// A download: the credentials as the API answers them, plus what the list shows beside each one.
const exportFileSchema = {
  content: {
    "application/json": z.object({ exportedAt: z.string(), items: z.array(credentialDtoSchema.loose()) }),
    "text/csv": z.string().describe("One row per credential, the JSON's fields as columns; formula-like cells start with an apostrophe."),
  },
};

export const GET = withOperator({ role: "admin", query: exportQuerySchema, response: { 200: exportFileSchema } }, async ({ query }) => {
  const file = await exportCredentials(query);
  return new Response(file.body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.filename}"`,
    },
  });
});
