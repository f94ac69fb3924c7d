import "server-only";
import { ApiError } from "@/lib/api-error";
import { holdChanges, notifyHeldChanges } from "@/lib/server/alerts";
import { runOrgLookup, runTokenTest } from "@/lib/server/diagnostics";
import type { RequestContext } from "@/lib/server/request-context";
import type { ItemOutcome } from "@/lib/server/store";

// One item of a run: the same token test and org lookup an operator's clicks run, so history, audit, health and
// alerts follow as they would. The org lookup is left out when the token test failed: it could only fail the same way.
// The alert webhook hears the check's net change once, after both parts: a first check whose org lookup fails is
// "untested → org fails", not a token result first.

export type CheckCredential = (context: RequestContext, credentialId: string, trigger: "operator" | "auto") => Promise<ItemOutcome>;

export const checkCredential: CheckCredential = async (context, credentialId, trigger) => {
  const held = holdChanges();
  try {
    const token = await runTokenTest(context, { credentialId, partOfRun: true, holdAlert: held.hold });
    if (token.outcome !== "ok") return failed("token_fails", token.diagnosis?.code ?? null);
    const lookup = await runOrgLookup(context, { credentialId, partOfRun: true, trigger, holdAlert: held.hold });
    if (lookup.outcome !== "ok" || !lookup.org) return failed("org_fails", lookup.diagnosis?.code ?? null);
    return { state: "done", status: "working", orgId: lookup.org.id, orgName: lookup.org.name, code: null };
  } catch (error) {
    // Deleted since the run started, or its own rate limit is spent (someone tested it just now): not tested.
    if (error instanceof ApiError && (error.code === "not_found" || error.code === "rate_limited")) {
      return { state: "skipped", code: error.code === "not_found" ? "credential_deleted" : "rate_limited" };
    }
    throw error;
  } finally {
    notifyHeldChanges(held);
  }
};

function failed(status: "token_fails" | "org_fails", code: string | null): ItemOutcome {
  return { state: "done", status, orgId: null, orgName: null, code };
}
