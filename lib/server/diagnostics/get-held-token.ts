import "server-only";
import { heldTokenSchema, tokenTestResultSchema, type HeldTokenAnswer } from "@/lib/schemas/diagnostics";
import { requireCredentialRow } from "@/lib/server/credentials/get-credential";
import { getStore } from "@/lib/server/store";
import { splitScopes, toScopeKey } from "./token-source";

// The token the console holds for a credential's own scopes, as the org lookup would use it: metadata only. The
// envelope is never opened here, so reading this needs no more than the viewer role.
export async function getHeldToken(credentialId: string): Promise<HeldTokenAnswer> {
  const credential = await requireCredentialRow(credentialId);
  const row = await (await getStore()).tokenCache.get(credential.id, toScopeKey(splitScopes(credential.scopes)));
  if (!row || Date.parse(row.expiresAt) <= Date.now()) return { heldToken: null };
  // A token obtained before the credential changed is not used again: it is not held either.
  if (row.metadata.credentialVersion !== credential.version) return { heldToken: null };
  const result = tokenTestResultSchema.safeParse(row.metadata);
  if (!result.success || !result.data.token) return { heldToken: null };
  const purpose = heldTokenSchema.shape.obtainedBy.safeParse(row.metadata.obtainedBy);
  const obtainedBy = purpose.success ? purpose.data : "token_test";
  return { heldToken: heldTokenSchema.parse({ token: result.data.token, obtainedAt: row.obtainedAt, obtainedBy }) };
}
