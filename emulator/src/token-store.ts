import { jwtVerify } from "jose";
import type { Directory } from "./directory";
import type { SigningKey } from "./keys";
import type { Org, ServiceUser } from "./seed";

/** What ZITADEL's OIDC session remembers about a client_credentials access token. */
export interface TokenRecord {
  kind: "opaque" | "jwt";
  /** `V2_<session>-at_<token>`: the JWT's jti and introspection's jti. */
  tokenId: string;
  userId: string;
  /** The user name for a grant's token; null for a PAT, which no client requested. */
  clientId: string | null;
  /** A PAT's audience grows by the introspecting app's client and project ids (introspection.ts). */
  isPat: boolean;
  /** Granted (filtered) scopes. */
  scopes: string[];
  /** Session audience from the `…:aud` scopes; may be empty. */
  audience: string[];
  /** ["pwd"] for client_credentials; empty for the JWT profile and PATs. */
  amr: string[];
  iat: number;
  exp: number;
}

export interface ResolvedToken {
  record: TokenRecord;
  user: ServiceUser;
  org: Org;
}

const PRUNE_THRESHOLD = 10_000;

export class TokenStore {
  private readonly records = new Map<string, TokenRecord>();

  save(token: string, record: TokenRecord): void {
    if (this.records.size >= PRUNE_THRESHOLD) this.prune();
    this.records.set(token, record);
  }

  /** Unknown and expired tokens look the same to callers, as in ZITADEL. */
  find(token: string): TokenRecord | undefined {
    const record = this.records.get(token);
    return record && record.exp > nowSeconds() ? record : undefined;
  }

  private prune(): void {
    const now = nowSeconds();
    for (const [token, record] of this.records) if (record.exp <= now) this.records.delete(token);
  }
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

export interface TokenResolver {
  issuer: string;
  key: SigningKey;
  tokens: TokenStore;
  directory: Directory;
}

/**
 * A service-user access token or PAT that is known, unexpired, correctly signed (JWT) and owned by an active user.
 * PATs go wherever access tokens go: orgs/me, userinfo, introspection.
 */
export async function resolveServiceToken(ctx: TokenResolver, token: string): Promise<ResolvedToken | undefined> {
  const record = ctx.tokens.find(token) ?? patRecord(ctx.directory, token);
  if (!record) return undefined;
  if (record.kind === "jwt" && !(await isValidJwt(ctx, token))) return undefined;
  const user = ctx.directory.serviceUserById(record.userId);
  if (!user || user.state !== "active") return undefined;
  const org = ctx.directory.orgById(user.orgId);
  return org ? { record, user, org } : undefined;
}

// ZITADEL creates a PAT with the scopes openid, profile, user metadata and resource owner, and the ZITADEL project
// as its audience (so orgs/me works). Introspection adds the caller's ids to it, so every app sees a live PAT active.
const PAT_SCOPES = ["openid", "profile", "urn:zitadel:iam:user:metadata", "urn:zitadel:iam:user:resourceowner"];

function patRecord(directory: Directory, token: string): TokenRecord | undefined {
  const found = directory.patByToken(token);
  if (!found || found.expiresAt <= nowSeconds()) return undefined;
  return {
    kind: "opaque",
    tokenId: found.tokenId,
    userId: found.user.id,
    clientId: null,
    isPat: true,
    scopes: PAT_SCOPES,
    audience: [directory.seed.instance.zitadelProjectId],
    amr: [],
    iat: found.issuedAt,
    exp: found.expiresAt,
  };
}

async function isValidJwt(ctx: TokenResolver, token: string): Promise<boolean> {
  try {
    await jwtVerify(token, ctx.key.publicKey, { issuer: ctx.issuer, algorithms: ["RS256"] });
    return true;
  } catch {
    return false;
  }
}
