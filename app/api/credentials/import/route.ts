// POST /api/credentials/import — create credentials from ZITADEL's pasted dialog text or a CSV; per-row results
import { IMPORT_CSV_MAX_BYTES, importCredentialsSchema, importResultSchema } from "@/lib/schemas/credential-import";
import { importCredentials } from "@/lib/server/credentials";
import { withOperator } from "@/lib/server/route";

// JSON escaping can double a CSV's size on the wire; the CSV itself is capped at IMPORT_CSV_MAX_BYTES (413).
const MAX_BODY_BYTES = 2 * IMPORT_CSV_MAX_BYTES + 4 * 1024;

export const POST = withOperator(
  { role: "admin", body: importCredentialsSchema, maxBodyBytes: MAX_BODY_BYTES, response: { 200: importResultSchema } },
  async ({ body, context }) => importCredentials(context, body),
);
