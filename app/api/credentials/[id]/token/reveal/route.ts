// POST /api/credentials/:id/token/reveal — the full cached access token, on explicit request, audited as token.reveal
import { requireCredentialRow } from "@/lib/server/credentials/get-credential";
import { revealCachedToken } from "@/lib/server/diagnostics";
import { idParamsSchema, withOperator } from "@/lib/server/route";

export const dynamic = "force-dynamic";

// The wrapper has required a signed-in operator and sends Cache-Control: no-store.
export const POST = withOperator({ params: idParamsSchema }, async ({ params, operator, requestId, ip }) => {
  const credential = await requireCredentialRow(params.id);
  return revealCachedToken({ credential, operator, requestId, ip });
});
