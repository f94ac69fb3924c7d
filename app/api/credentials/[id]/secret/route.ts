// PUT /api/credentials/:id/secret — replace the client secret (write-only; the answer carries only the new hint)
import { replaceSecretSchema } from "@/lib/schemas/credential";
import { idParamsSchema } from "@/lib/schemas/params";
import { replaceSecret } from "@/lib/server/credentials";
import { withOperator } from "@/lib/server/route";

export const dynamic = "force-dynamic";

export const PUT = withOperator({ role: "admin", params: idParamsSchema, body: replaceSecretSchema }, async ({ params, body, context }) =>
  replaceSecret(context, params.id, body),
);
