// GET /api/credentials — list with search, tag filter, sort and cursor pagination
// POST /api/credentials — register a client secret, a key file (jwt_profile) or a PAT; it is sealed before it is stored
import { createCredentialSchema, credentialDtoSchema, credentialPageSchema, listCredentialsQuerySchema } from "@/lib/schemas/credential";
import { createCredential, listCredentials } from "@/lib/server/credentials";
import { json, withOperator } from "@/lib/server/route";

export const GET = withOperator(
  { role: "viewer", query: listCredentialsQuerySchema, response: { 200: credentialPageSchema } },
  async ({ query }) => listCredentials(query),
);

export const POST = withOperator(
  { role: "admin", body: createCredentialSchema, response: { 201: credentialDtoSchema } },
  async ({ body, context }) => json(await createCredential(context, body), 201),
);
