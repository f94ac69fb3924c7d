// POST /api/credentials/:id/token — ask ZITADEL for a token now (client_credentials or, for a key, jwt-bearer; never from
// the cache); for a PAT, describe it without calling ZITADEL. The outcome is in the body, 200 either way
// GET  /api/credentials/:id/token — metadata of the token the console holds for the credential's scopes, or null
import { heldTokenAnswerSchema, tokenTestRequestSchema, tokenTestResultSchema } from "@/lib/schemas/diagnostics";
import { idParamsSchema } from "@/lib/schemas/params";
import { getHeldToken, runTokenTest } from "@/lib/server/diagnostics";
import { withOperator } from "@/lib/server/route";

// The body is optional: a bare POST tests with the credential's own scopes. A client that goes away does not cancel the
// exchange: the stored secret is in use, so the test runs to its end and is recorded.
export const POST = withOperator(
  {
    role: "operator",
    params: idParamsSchema,
    body: tokenTestRequestSchema,
    isBodyOptional: true,
    maxBodyBytes: 4096,
    response: { 200: tokenTestResultSchema },
  },
  async ({ params, body, context }) => runTokenTest(context, { credentialId: params.id, scopesOverride: body.scopes }),
);

// Never the token itself (that is the audited reveal), so a viewer may read it.
export const GET = withOperator({ role: "viewer", params: idParamsSchema, response: { 200: heldTokenAnswerSchema } }, async ({ params }) =>
  getHeldToken(params.id),
);
