import "server-only";
import { DecryptError, open, zitadelTokenContext } from "@/lib/server/crypto";
import { getStore } from "@/lib/server/store";
import type { Operator } from "./sessions";

// The signed-in operator's own ZITADEL access token, for Management API calls made in their name. It exists only
// sealed in their session row; this is the one place it is opened, and what it returns never leaves the server.

// A token this close to expiry would run out in the middle of a provisioning job.
const MIN_LIFETIME_MS = 60_000;
const SIGN_IN_AGAIN = "Sign out and in again so the console holds a fresh ZITADEL token of yours.";

export type OperatorZitadelToken = { ok: true; accessToken: string; expiresAt: string } | { ok: false; reason: string };

export async function getOperatorZitadelToken(operator: Pick<Operator, "sessionIdHash">): Promise<OperatorZitadelToken> {
  const live = await (await getStore()).operators.getLiveSession(operator.sessionIdHash);
  const envelope = live?.session.zitadelTokenEnvelope;
  const expiresAt = live?.session.zitadelTokenExpiresAt;
  if (!envelope || !expiresAt) return { ok: false, reason: `Your session holds no ZITADEL token. ${SIGN_IN_AGAIN}` };
  if (Date.parse(expiresAt) - Date.now() < MIN_LIFETIME_MS)
    return { ok: false, reason: `Your ZITADEL token has expired. ${SIGN_IN_AGAIN}` };
  try {
    return { ok: true, accessToken: open(envelope, zitadelTokenContext(operator.sessionIdHash)), expiresAt };
  } catch (error) {
    if (error instanceof DecryptError) return { ok: false, reason: `Your ZITADEL token cannot be read any more. ${SIGN_IN_AGAIN}` };
    throw error;
  }
}
