import { createPrivateKey } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { importPKCS8, SignJWT, type JWTPayload } from "jose";
import { DEFAULT_SEED_PATH } from "../src/config";
import { loadSeedFile, type Seed } from "../src/seed";
import { startEmulator, type RunningEmulator } from "../src/server";

// Shared fixtures: the committed demo seed (so the tests also prove it loads), tweaked per suite.

export const ZITADEL_AUD = "urn:zitadel:iam:org:project:id:zitadel:aud";
export const ZITADEL_PROJECT_ID = "100000000000000001";
export const ACME_ID = "200000000000000001";
export const GLOBEX_ID = "200000000000000002";

export const demo = {
  reporter: { id: "acme-reporter", secret: "Rep0rterDemoSecretAcme2026xxxxx1", userId: "300000000000000001" },
  jwtBot: { id: "acme-jwt-bot", secret: "JwtB0tDemoSecretAcme2026xxxxxxx2", userId: "300000000000000002" },
  noRole: { id: "acme-no-role", secret: "N0RoleDemoSecretAcme2026xxxxxxx3" },
  retired: { id: "acme-retired", secret: "RetiredDemoSecretAcme2026xxxxxx4" },
  globex: { id: "globex-sync", secret: "Gl0bexSyncDemoSecret2026xxxxxxx5" },
  billing: { id: "billing+ops@acme", secret: "B1llingOpsDemoSecret2026xxxxxxx6" },
  slow: { id: "acme-slow", secret: "SlowDemoSecretAcme2026xxxxxxxxx7" },
  flaky: { id: "acme-flaky", secret: "FlakyDemoSecretAcme2026xxxxxxxx8" },
  html: { id: "acme-html", secret: "HtmlDemoSecretAcme2026xxxxxxxxx9" },
  fresh: { id: "acme-fresh", secret: "FreshDemoSecretAcme2026xxxxxxx10" },
  trickle: { id: "acme-trickle", secret: "TrickleDemoSecretAcme2026xxxxx11" },
  noSecret: { id: "acme-no-secret" },
  keyBot: { id: "acme-key-bot", userId: "300000000000000013" },
} as const;

/** A key file as ZITADEL's console downloads it (service user or application). */
export interface KeyFile {
  type: "serviceaccount" | "application";
  keyId: string;
  key: string;
  userId?: string;
  clientId?: string;
  expirationDate?: string;
}

export function keyFile(name: "acme-key-bot" | "acme-key-bot-expired" | "acme-retired" | "demo-api"): KeyFile {
  return JSON.parse(readFileSync(fileURLToPath(new URL(`../seed/keys/${name}.json`, import.meta.url)), "utf8")) as KeyFile;
}

/**
 * An RS256 assertion as a client signs it with a key file: iss = sub = the owner, aud = the issuer, a minute of
 * validity. `claims` and `header` override or (with undefined) remove fields.
 */
export async function signAssertion(
  file: KeyFile,
  audience: string,
  claims: Record<string, unknown> = {},
  header: Record<string, unknown> = {},
): Promise<string> {
  const owner = file.userId ?? file.clientId;
  const now = Math.floor(Date.now() / 1000);
  const payload = Object.fromEntries(
    Object.entries({ iss: owner, sub: owner, aud: audience, iat: now, exp: now + 60, ...claims }).filter(([, v]) => v !== undefined),
  ) as JWTPayload;
  // ZITADEL's key files hold PKCS#1; jose imports PKCS#8.
  const pkcs8 = createPrivateKey(file.key).export({ type: "pkcs8", format: "pem" }).toString();
  const key = await importPKCS8(pkcs8, "RS256");
  return new SignJWT(payload).setProtectedHeader({ alg: "RS256", kid: file.keyId, ...header }).sign(key);
}

/** The PATs committed in the demo seed: acme-reporter's valid one (2099) and expired one (2025-01-01). */
export function demoPats(): { valid: string; expired: string } {
  const pats = serviceUser(demoSeed(), "acme-reporter").pats;
  const find = (expirationDate: string) => {
    const pat = pats.find((p) => p.expirationDate === expirationDate);
    if (!pat) throw new Error(`no PAT expiring ${expirationDate} in the demo seed`);
    return pat.token;
  };
  return { valid: find("2099-01-01T00:00:00Z"), expired: find("2025-01-01T00:00:00Z") };
}

export function demoSeed(): Seed {
  return structuredClone(loadSeedFile(DEFAULT_SEED_PATH));
}

export function serviceUser(seed: Seed, username: string): Seed["serviceUsers"][number] {
  const user = seed.serviceUsers.find((u) => u.username === username);
  if (!user) throw new Error(`no service user ${username} in seed`);
  return user;
}

export function startTestEmulator(tweak?: (seed: Seed) => void): Promise<RunningEmulator> {
  const seed = demoSeed();
  tweak?.(seed);
  return startEmulator({ seed, port: 0 });
}

/** ZITADEL's documented construction: base64(formUrlEncode(id) ":" formUrlEncode(secret)). */
export function basic(id: string, secret: string, { encode = true } = {}): string {
  const enc = (value: string) => (encode ? encodeURIComponent(value).replace(/%20/g, "+") : value);
  return `Basic ${Buffer.from(`${enc(id)}:${enc(secret)}`).toString("base64")}`;
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

export async function call(url: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(url, { redirect: "manual", ...init });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

export function postForm(url: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Answer> {
  return call(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(form).toString(),
  });
}

/** A client_credentials request with Basic credentials. */
export function requestToken(base: string, client: { id: string; secret: string }, scope: string): Promise<Answer> {
  return postForm(
    `${base}/oauth/v2/token`,
    { grant_type: "client_credentials", scope },
    { authorization: basic(client.id, client.secret) },
  );
}

export async function accessToken(base: string, client: { id: string; secret: string }, scope = `openid ${ZITADEL_AUD}`): Promise<string> {
  const answer = await requestToken(base, client, scope);
  if (answer.status !== 200) throw new Error(`token request for ${client.id} failed: ${answer.status} ${answer.text}`);
  return (JSON.parse(answer.text) as { access_token: string }).access_token;
}

export function oauthBody(error: string, description?: string): string {
  return `${JSON.stringify(description === undefined ? { error } : { error, error_description: description })}\n`;
}

export function decodeJwtPart(jwt: string, index: 0 | 1): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split(".")[index]!, "base64url").toString("utf8")) as Record<string, unknown>;
}
