import "server-only";
import { credentialUrl, testHistoryUrl } from "@/lib/api-urls";
import { hasAccess } from "@/lib/schemas/roles";
import { getOperator } from "@/lib/server/auth";
import { listTestHistory } from "@/lib/server/diagnostics/list-test-history";
import { StoreNotFoundError } from "@/lib/server/store/types";
import { getCredential } from "./get-credential";

/**
 * What a credential's page shows before any request of its own: the credential and its test history (whose newest
 * lookup is the last known organization), keyed as the page's SWR hooks ask for them. The page renders the org with
 * its first paint instead of after a round trip per panel. The same viewer check as the API routes that serve them.
 * Null: no such credential. Empty: nobody allowed to see it (the layout shows why).
 */
export async function credentialPageData(id: string): Promise<Record<string, unknown> | null> {
  const operator = await getOperator();
  if (!operator || !hasAccess(operator.role, "viewer")) return {};
  try {
    const [credential, history] = await Promise.all([getCredential(id), listTestHistory(id, 20)]);
    return { [credentialUrl(id)]: credential, [testHistoryUrl(id)]: history };
  } catch (error) {
    if (error instanceof StoreNotFoundError) return null;
    throw error;
  }
}
