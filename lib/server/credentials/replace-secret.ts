import "server-only";
import type { CredentialDto, ReplaceSecret } from "@/lib/schemas/credential";
import { seal, secretContext } from "@/lib/server/crypto";
import { auditEntry } from "@/lib/server/audit";
import type { RequestContext } from "@/lib/server/request-context";
import { getStore } from "@/lib/server/store";
import { secretTailOf, toCredentialDto } from "./dto";
import { requireCredentialRow } from "./get-credential";
import { auditRefusal } from "./refusals";

/** Seals a new secret to the row. The old one is gone; tokens obtained with it are dropped from the cache. */
export async function replaceSecret(context: RequestContext, id: string, input: ReplaceSecret): Promise<CredentialDto> {
  const current = await requireCredentialRow(id);
  const store = await getStore();
  const patch = {
    secretEnvelope: seal(input.clientSecret, secretContext(id, current.issuer, current.clientId)),
    secretHint: secretTailOf(input.clientSecret),
    secretUpdatedAt: new Date().toISOString(),
  };
  try {
    const updated = await store.updateCredential(
      id,
      input.version,
      patch,
      auditEntry(context, "credential.secret.replace", { target: current }),
    );
    await store.deleteCachedTokens(id);
    return toCredentialDto(updated);
  } catch (error) {
    await auditRefusal(context, "credential.secret.replace", current, error);
    throw error;
  }
}
