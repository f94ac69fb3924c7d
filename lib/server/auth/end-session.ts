import "server-only";
import { getEnv } from "@/lib/env";
import { recordAudit } from "@/lib/server/audit";
import type { RequestContext } from "@/lib/server/request-context";
import { endSessionUrl as zitadelEndSessionUrl } from "@/lib/server/zitadel";
import { closeSession } from "./sessions";

/**
 * Signs the operator out here (the session row is closed at once) and returns where the browser goes next: ZITADEL's
 * end_session, so the next sign-in asks for a password instead of reusing ZITADEL's own session.
 */
export async function endSession(context: RequestContext): Promise<{ endSessionUrl: string }> {
  const env = getEnv();
  const { wasOpen, idToken } = await closeSession(context.operator.sessionIdHash);
  if (wasOpen) await recordAudit(context, "logout");
  const url = zitadelEndSessionUrl({
    issuer: env.AUTH_ZITADEL_ISSUER,
    clientId: env.AUTH_ZITADEL_CLIENT_ID,
    postLogoutRedirectUri: `${env.APP_ORIGIN}/login`,
    idTokenHint: idToken,
  });
  return { endSessionUrl: url };
}
