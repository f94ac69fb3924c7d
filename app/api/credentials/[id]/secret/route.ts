// PUT /api/credentials/:id/secret — replace the client secret (write-only; the answer carries only the new hint)
import { replaceSecretSchema } from "@/lib/schemas/credential";
import { replaceSecret } from "@/lib/server/credentials";
import { idParamsSchema, withOperator } from "@/lib/server/route";

export const dynamic = "force-dynamic";

export const PUT = withOperator({ params: idParamsSchema, body: replaceSecretSchema }, async ({ params, body, ...scope }) =>
  replaceSecret(scope, params.id, body),
);
