import "server-only";
import { compactVerify, decodeJwt, type JWTPayload } from "jose";
import type { RoleGrant, TokenMetadata, ZitadelClaims } from "@/lib/schemas/diagnostics";
import { issuerKeys } from "./discovery";
import { classifyToken, fingerprint, maskToken, VERIFY_ALGORITHMS } from "./token-format";

// Token metadata for the browser: kind, masked form, fingerprint, expiry and, for JWTs, the claims with their
// signature checked against the issuer's JWKS. Claims that could not be checked are marked "unverified", never trusted.

export interface AnalyzeTokenInput {
  issuer: string;
  accessToken: string;
  tokenType: string;
  expiresIn: number;
  idToken?: string;
  obtainedAt: Date;
  scopesRequested: readonly string[];
  signal?: AbortSignal;
}

export type Signature = { signature: "verified" | "unverified"; note?: string };

const ROLES_CLAIM = /^urn:zitadel:iam:org:project:(?:([^:]+):)?roles$/;
const RESOURCE_OWNER = "urn:zitadel:iam:user:resourceowner";

export async function analyzeToken(input: AnalyzeTokenInput): Promise<TokenMetadata> {
  const { accessToken } = input;
  const { kind, header } = classifyToken(accessToken);
  const claims = kind === "jwt" ? safeDecode(accessToken) : undefined;
  const verified = claims ? await verifySignature(input.issuer, accessToken, claims, input.signal) : undefined;
  const idToken = input.idToken ? await analyzeIdToken(input.issuer, input.idToken, input.signal) : undefined;

  return {
    tokenType: input.tokenType,
    expiresIn: input.expiresIn,
    expiresAt: new Date(input.obtainedAt.getTime() + input.expiresIn * 1000).toISOString(),
    kind,
    fingerprint: fingerprint(accessToken),
    masked: maskToken(accessToken),
    length: accessToken.length,
    audience: audience(claims),
    scopesRequested: [...input.scopesRequested],
    ...(header && claims ? { header: { ...header }, claims: { ...claims } } : {}),
    signature: verified?.signature ?? "not_applicable",
    ...(verified?.note ? { signatureNote: verified.note } : {}),
    zitadel: zitadelClaims(claims ?? idToken?.claims),
    ...(idToken ? { idToken } : {}),
  };
}

async function analyzeIdToken(issuer: string, token: string, signal?: AbortSignal): Promise<TokenMetadata["idToken"]> {
  const claims = classifyToken(token).kind === "jwt" ? safeDecode(token) : undefined;
  if (!claims) return { claims: {}, signature: "not_applicable", remarks: ["The id_token is not a signed JWT, so it was not decoded."] };
  const verified = await verifySignature(issuer, token, claims, signal);
  const remarks = verified.note ? [verified.note] : [];
  if (typeof claims.exp === "number" && claims.exp === claims.iat) {
    remarks.push(
      "exp equals iat: this ZITADEL version issues client-credentials id_tokens that are expired on arrival (zitadel/zitadel#11060). Harmless here; its expiry is deliberately not checked.",
    );
  }
  return { claims: { ...claims }, signature: verified.signature, remarks };
}

/** Checks the signature only (not exp: see the id_token remark), with the issuer's keys and an algorithm allowlist. */
export async function verifySignature(issuer: string, token: string, claims: JWTPayload, signal?: AbortSignal): Promise<Signature> {
  let result: Signature;
  try {
    try {
      await compactVerify(token, await issuerKeys(issuer, { signal }), { algorithms: VERIFY_ALGORITHMS });
    } catch (error) {
      if (errorCode(error) !== "ERR_JWKS_NO_MATCHING_KEY") throw error;
      await compactVerify(token, await issuerKeys(issuer, { refresh: true, signal }), { algorithms: VERIFY_ALGORITHMS });
    }
    result = { signature: "verified" };
  } catch (error) {
    return { signature: "unverified", note: unverifiedNote(error) };
  }
  if (claims.iss !== undefined && claims.iss !== issuer) {
    return {
      ...result,
      note: `The signature is the issuer's, but the iss claim (${String(claims.iss).slice(0, 100)}) differs from ${issuer}.`,
    };
  }
  return result;
}

function unverifiedNote(error: unknown): string {
  switch (errorCode(error)) {
    case "ERR_JWS_SIGNATURE_VERIFICATION_FAILED":
      return "The signature does not match the issuer's signing keys: treat these claims as untrusted.";
    case "ERR_JWKS_NO_MATCHING_KEY":
    case "ERR_JWKS_MULTIPLE_MATCHING_KEYS":
      return "None of the issuer's published keys matches this token's key ID.";
    case "ERR_JOSE_ALG_NOT_ALLOWED":
      return "The token's algorithm is not one this console accepts for verification.";
    case "ERR_JWS_INVALID":
    case "ERR_JOSE_NOT_SUPPORTED":
      return "The token's header or signature is malformed.";
    default:
      return "The issuer's signing keys could not be fetched, so the signature was not checked.";
  }
}

export function zitadelClaims(claims: JWTPayload | Record<string, unknown> | undefined): ZitadelClaims {
  if (!claims) return {};
  const text = (key: string) => (typeof claims[key] === "string" ? (claims[key] as string) : undefined);
  const roles = Object.entries(claims).flatMap(([key, value]) => rolesFrom(key, value));
  return {
    ...optional("resourceOwnerId", text(`${RESOURCE_OWNER}:id`)),
    ...optional("resourceOwnerName", text(`${RESOURCE_OWNER}:name`)),
    ...optional("resourceOwnerDomain", text(`${RESOURCE_OWNER}:primary_domain`)),
    ...(roles.length ? { roles } : {}),
  };
}

// Value format: {"<roleKey>": {"<orgId>": "<orgPrimaryDomain>"}}, as ZITADEL writes role claims.
function rolesFrom(key: string, value: unknown): RoleGrant[] {
  const match = ROLES_CLAIM.exec(key);
  if (!match || !isRecord(value)) return [];
  return Object.entries(value).map(([role, orgs]) => ({
    projectId: match[1] ?? "",
    role,
    orgs: isRecord(orgs) ? Object.entries(orgs).map(([id, domain]) => ({ id, domain: typeof domain === "string" ? domain : "" })) : [],
  }));
}

export function audience(claims: JWTPayload | undefined): string[] {
  const aud = claims?.aud;
  if (typeof aud === "string") return [aud];
  return Array.isArray(aud) ? aud.filter((item): item is string => typeof item === "string") : [];
}

export function safeDecode(token: string): JWTPayload | undefined {
  try {
    return decodeJwt(token);
  } catch {
    return undefined;
  }
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}
