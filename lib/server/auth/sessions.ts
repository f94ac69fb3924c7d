import "server-only";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { cookies } from "next/headers";
import type { NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { getEnv } from "@/lib/env";
import { hasAccess, lowerRole, type Access, type OperatorKind, type Role } from "@/lib/schemas/roles";
import { auditEntry } from "@/lib/server/audit/record-audit";
import { currentClientIp } from "@/lib/server/client-ip";
import { DecryptError, idTokenContext, open, seal, zitadelTokenContext } from "@/lib/server/crypto";
import { getStore, type OperatorRow } from "@/lib/server/store";
import { resolveSignInRole } from "./roles";
import { decodeSessionCookie } from "./session-cookie";

// Server-side sessions: the cookie (next-auth's encrypted JWT) carries only a random session id. Role, status and
// whether the session is still open are read from the store on every request.

export interface Operator {
  id: string;
  /** Absent for a person (and the system actor); "machine" for a service user calling with a bearer token. */
  kind?: OperatorKind;
  name: string;
  email: string | null;
  login: string | null;
  role: Role | null;
  /** SHA-256 of the session id: what the store keys sessions by. Never sent to the browser. */
  sessionIdHash: string;
}

export function hashSessionId(sessionId: string): string {
  return createHash("sha256").update(sessionId).digest("base64url");
}

/** The access token ZITADEL issued at sign-in, and when it expires (seconds since the epoch, as OAuth says it). */
export interface SignInAccessToken {
  accessToken?: string;
  expiresAt?: number;
}

/**
 * At sign-in: records the operator and opens a session; the returned id goes into the cookie. The operator's ZITADEL
 * access token is sealed into the session row (for provisioning in their name), never into the cookie.
 */
export async function openSession(
  claims: Record<string, unknown>,
  idToken: string | undefined,
  access: SignInAccessToken = {},
): Promise<string> {
  const sub = String(claims.sub);
  const sessionId = randomBytes(32).toString("base64url");
  const idHash = hashSessionId(sessionId);
  const { role, source } = resolveSignInRole(claims);
  const name = stringClaim(claims.name) ?? stringClaim(claims.preferred_username) ?? sub;
  const expiresAt = new Date(Date.now() + getEnv().SESSION_MAX_AGE_HOURS * 3_600_000).toISOString();
  const store = await getStore();
  await store.operators.recordSignIn(
    {
      operator: {
        id: sub,
        login: stringClaim(claims.preferred_username),
        name,
        email: stringClaim(claims.email),
        signInRole: role,
        roleSource: source,
      },
      session: {
        idHash,
        expiresAt,
        idTokenEnvelope: idToken ? seal(idToken, idTokenContext(idHash)) : null,
        ...sealedAccess(access, idHash),
      },
    },
    auditEntry({ operator: { id: sub, name }, requestId: randomUUID(), ip: await currentClientIp() }, "login.success", {
      detail: { role, roleSource: source },
    }),
  );
  return sessionId;
}

function sealedAccess({ accessToken, expiresAt }: SignInAccessToken, idHash: string) {
  if (!accessToken) return { zitadelTokenEnvelope: null, zitadelTokenExpiresAt: null };
  // Without expires_at the token is treated as ZITADEL's default 12 hours, capped by the session anyway.
  const expires = expiresAt ? new Date(expiresAt * 1000) : new Date(Date.now() + 12 * 3_600_000);
  return { zitadelTokenEnvelope: seal(accessToken, zitadelTokenContext(idHash)), zitadelTokenExpiresAt: expires.toISOString() };
}

/** May this ZITADEL user start a session? A disabled operator may not. */
export async function isSignInAllowed(sub: string): Promise<boolean> {
  const operator = await (await getStore()).operators.getOperator(sub);
  return !operator?.isDisabled;
}

/** The signed-in operator behind this request's cookie, or null: no cookie, a revoked or expired session, disabled. */
export async function getOperator(): Promise<Operator | null> {
  const sessionId = await readSessionId();
  if (!sessionId) return null;
  const idHash = hashSessionId(sessionId);
  const live = await (await getStore()).operators.getLiveSession(idHash);
  if (!live || live.operator.isDisabled) return null;
  return toOperator(live.operator, idHash);
}

/** For a long-lived answer (a stream): is this session still open, its operator enabled and allowed `access`? */
export async function isSessionAllowed(sessionIdHash: string, access: Access): Promise<boolean> {
  const live = await (await getStore()).operators.getLiveSession(sessionIdHash);
  return Boolean(live && !live.operator.isDisabled && hasAccess(effectiveRole(live.operator), access));
}

/** Ends the session server-side. Returns the id_token it was opened with (for RP-initiated logout), if still readable. */
export async function closeSession(sessionIdHash: string): Promise<{ wasOpen: boolean; idToken: string | null }> {
  const session = await (await getStore()).operators.revokeSession(sessionIdHash);
  if (!session?.idTokenEnvelope) return { wasOpen: Boolean(session), idToken: null };
  try {
    return { wasOpen: true, idToken: open(session.idTokenEnvelope, idTokenContext(sessionIdHash)) };
  } catch (error) {
    if (error instanceof DecryptError) return { wasOpen: true, idToken: null };
    throw error;
  }
}

/** Whether the request being handled carries next-auth's session cookie (chunked or not, secure-prefixed or not). */
export async function hasSessionCookie(): Promise<boolean> {
  return (await cookies()).getAll().some((cookie) => /^(__Secure-)?next-auth\.session-token(\.\d+)?$/.test(cookie.name));
}

/** The session id inside the cookie of the request being handled (cookie only: no Authorization fallback). */
export async function readSessionId(): Promise<string | null> {
  const jar = await cookies();
  // next-auth reads `cookies.getAll()`, which Next's cookie store provides; it needs no other part of a request.
  const req = { cookies: jar, headers: new Headers() } as unknown as NextRequest;
  const { APP_ORIGIN, NEXTAUTH_SECRET } = getEnv();
  // The same cookie name next-auth writes: __Secure- prefixed when the console is served over https.
  const token = await getToken({
    req,
    secret: NEXTAUTH_SECRET,
    secureCookie: APP_ORIGIN.startsWith("https://"),
    decode: decodeSessionCookie,
  });
  return typeof token?.sid === "string" ? token.sid : null;
}

export function effectiveRole(operator: Pick<OperatorRow, "signInRole" | "roleCap" | "isDisabled">): Role | null {
  if (operator.isDisabled) return null;
  return operator.roleCap ? lowerRole(operator.signInRole, operator.roleCap) : operator.signInRole;
}

function toOperator(row: OperatorRow, sessionIdHash: string): Operator {
  return { id: row.id, name: row.name, email: row.email, login: row.login, role: effectiveRole(row), sessionIdHash };
}

function stringClaim(value: unknown): string | null {
  return typeof value === "string" && value.trim() ? value : null;
}
