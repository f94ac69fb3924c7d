// GET /api/credentials/:id — one credential (never its secret)
// PATCH /api/credentials/:id — change fields; `version` must be current (409 otherwise)
// DELETE /api/credentials/:id?version=n — delete the version the operator saw (409 if it changed)
import { z } from "zod";
import { ApiError } from "@/lib/api-error";
import {
  credentialDtoSchema,
  credentialListItemSchema,
  deleteCredentialSchema,
  updateCredentialSchema,
  versionSchema,
} from "@/lib/schemas/credential";
import { idParamsSchema } from "@/lib/schemas/params";
import { deleteCredential, getCredential, updateCredential } from "@/lib/server/credentials";
import { withOperator } from "@/lib/server/route";

const deleteQuerySchema = z.object({ version: versionSchema.optional() });

export const GET = withOperator(
  { role: "viewer", params: idParamsSchema, response: { 200: credentialListItemSchema } },
  async ({ params }) => getCredential(params.id),
);

export const PATCH = withOperator(
  { role: "admin", params: idParamsSchema, body: updateCredentialSchema, response: { 200: credentialDtoSchema } },
  async ({ params, body, context }) => updateCredential(context, params.id, body),
);

export const DELETE = withOperator(
  {
    role: "admin",
    params: idParamsSchema,
    query: deleteQuerySchema,
    body: deleteCredentialSchema,
    isBodyOptional: true,
    maxBodyBytes: 1024,
    response: { 204: null },
  },
  async ({ params, query, body, context }) => {
    const version = query.version ?? body.version;
    if (version === undefined) {
      throw new ApiError("validation_failed", "Send the version you saw, e.g. ?version=3.", { fields: { version: ["Required."] } });
    }
    await deleteCredential(context, params.id, version);
    return new Response(null, { status: 204 });
  },
);
