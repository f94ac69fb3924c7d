import "server-only";
import type { JWTPayload } from "jose";
import type { CredentialListItem } from "@/lib/schemas/credential";
import type { TokenLookupRequest, TokenLookupResult, TokenSubject } from "@/lib/schemas/lookup";
import { recordAudit } from "@/lib/server/audit";
import { getCredential } from "@/lib/server/credentials/get-credential";
import { openAuth } from "@/lib/server/introspection";
import { limitLookups, refuseWhenIssuerBusy, withIssuerSlot } from "@/lib/server/limits";
import { withRequestId, type RequestContext } from "@/lib/server/request-context";
import { getStore } from "@/lib/server/store";
import {
  audience,
  classifyToken,
  diagnoseInactive,
  fingerprint,
  introspectToken,
  makeDiagnosis,
  safeDecode,
  verifySignature,
  zitadelClaims,
  type IntrospectResult,
} from "@/lib/server/zitadel";
import { resolveLookupIssuer } from "./known-issuers";

// A pasted access token: whose it is and whether ZITADEL still accepts it. The token is used for this one answer
// and dropped: it is never stored, logged, echoed or audited (the audit row names its fingerprint).

const RESOURCE_OWNER_ID = "urn:zitadel:iam:user:resourceowner:id";

const NO_INTROSPECTION_HINT =
  "An admin can add this issuer's introspection client under Introspection; then the console asks ZITADEL whether the token is active.";

export async function lookupToken(context: RequestContext, input: TokenLookupRequest): Promise<TokenLookupResult> {
  const { token } = input;
  const { kind, header } = classifyToken(token);
  const decoded = kind === "jwt" ? safeDecode(token) : undefined;
  const issuer = await resolveLookupIssuer(input.issuer, decoded?.iss);
  await limitLookups(context);

  const target = { id: "", issuer, clientId: "" };
  const { signature, note } = decoded
    ? await refuseWhenIssuerBusy(
        context,
        target,
        withIssuerSlot(issuer, () => verifySignature(issuer, token, decoded)),
      )
    : { signature: "not_applicable" as const, note: undefined };
  const expiresAt = typeof decoded?.exp === "number" ? new Date(decoded.exp * 1000).toISOString() : null;
  const introspection = await introspect(context, issuer, token, decoded, expiresAt);

  const claims = introspection.configured ? introspection.claims : null;
  const subject = subjectOf(decoded, claims);
  const expiry = expiresAt ?? (claims?.exp ? new Date(claims.exp * 1000).toISOString() : null);
  const accepted =
    !introspection.configured || introspection.outcome === "failed" ? "unknown" : introspection.outcome === "active" ? "yes" : "no";
  const result: TokenLookupResult = {
    issuer,
    kind,
    fingerprint: fingerprint(token),
    signature,
    signatureNote: note ?? null,
    header: decoded && header ? { ...header } : null,
    claims: decoded ? { ...decoded } : null,
    zitadel: zitadelClaims(decoded),
    subject,
    expiresAt: expiry,
    accepted,
    verdict: verdictOf(accepted, introspection),
    introspection,
    credentials: await matchingCredentials(issuer, subject),
  };
  await recordAudit(context, "token.lookup", {
    outcome: accepted === "yes" ? "success" : "failure",
    detail: { fingerprint: result.fingerprint, issuer, kind, signature, accepted, ...(subject.userId ? { userId: subject.userId } : {}) },
  });
  return result;
}

type Introspection = TokenLookupResult["introspection"];

async function introspect(
  context: RequestContext,
  issuer: string,
  token: string,
  decoded: JWTPayload | undefined,
  expiresAt: string | null,
): Promise<Introspection> {
  const client = await (await getStore()).introspectionClients.getForIssuer(issuer);
  if (!client) return { configured: false, hint: NO_INTROSPECTION_HINT };
  const auth = openAuth(client);
  const result: IntrospectResult = auth
    ? await refuseWhenIssuerBusy(
        context,
        null,
        withIssuerSlot(issuer, () => introspectToken({ issuer, token, auth })),
      )
    : { ok: false, diagnosis: makeDiagnosis("introspection_client_unreadable"), httpStatus: null, latencyMs: null, transcript: null };
  if (!result.ok) return { configured: true, outcome: "failed", claims: null, diagnosis: withRequestId(result.diagnosis, context) ?? null };
  if (result.claims.active) return { configured: true, outcome: "active", claims: result.claims, diagnosis: null };
  const diagnosis = diagnoseInactive({
    introspectionClientId: client.clientId,
    // The scopes the token was requested with are unknown; a JWT's audience still says whether the project is in it.
    credentialScopes: [],
    ...(decoded ? { jwtAudience: audience(decoded) } : {}),
    expiresAt,
  });
  return { configured: true, outcome: "inactive", claims: result.claims, diagnosis };
}

function subjectOf(decoded: JWTPayload | undefined, claims: Extract<Introspection, { configured: true }>["claims"]): TokenSubject {
  const text = (key: string) => (typeof decoded?.[key] === "string" ? (decoded[key] as string) : null);
  const zitadel = zitadelClaims(decoded);
  return {
    userId: claims?.sub ?? text("sub"),
    clientId: claims?.clientId ?? text("client_id"),
    username: claims?.username ?? text("preferred_username") ?? text("username"),
    orgId: claims?.resourceOwnerId ?? text(RESOURCE_OWNER_ID),
    orgName: zitadel.resourceOwnerName ?? null,
    orgDomain: zitadel.resourceOwnerDomain ?? null,
  };
}

function verdictOf(accepted: TokenLookupResult["accepted"], introspection: Introspection): string {
  if (!introspection.configured) return "Cannot tell: no introspection client for this issuer.";
  if (accepted === "yes") return "Accepted: ZITADEL says this token is active.";
  if (introspection.outcome === "failed") return `Cannot tell: ${introspection.diagnosis?.title ?? "the introspection call failed"}.`;
  return "Not accepted: ZITADEL says this token is not active.";
}

/** The registered credentials whose client ID is the token's client or user name at this issuer, with their health. */
async function matchingCredentials(issuer: string, subject: TokenSubject): Promise<CredentialListItem[]> {
  const store = await getStore();
  const names = [...new Set([subject.clientId, subject.username].filter((name): name is string => !!name))];
  const found = await Promise.all(names.map((name) => store.credentials.findByClientId(issuer, name)));
  const ids = [...new Set(found.flatMap((row) => (row ? [row.id] : [])))];
  return Promise.all(ids.map((id) => getCredential(id)));
}
