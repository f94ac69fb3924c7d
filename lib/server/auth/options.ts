import "server-only";
import { randomUUID } from "node:crypto";
import type { NextAuthOptions } from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { getEnv } from "@/lib/env";
import { recordAnonymousRefusal, recordAuditSafely } from "@/lib/server/audit";
import { currentClientIp } from "@/lib/server/client-ip";
import { getLogger } from "@/lib/server/logger";
import { ZITADEL_API_AUDIENCE_SCOPE } from "@/lib/server/zitadel";
import { closeSession, hashSessionId, isSignInAllowed, openSession } from "./sessions";

// Operator sign-in: authorization code + PKCE against ZITADEL (the bundled emulator in the demo).

interface ZitadelProfile extends Record<string, unknown> {
  sub: string;
  name?: string;
  preferred_username?: string;
  email?: string;
}

// Asks ZITADEL for the console project's roles in the claims. ZITADEL answers that scope only together with a
// project audience, so the project's own audience goes with it when its id is configured. The ZITADEL API audience
// makes the operator's access token good for the Management API: provisioning acts with the operator's own rights.
function signInScopes(projectId: string | undefined): string {
  const scopes = ["openid", "profile", "email", "urn:zitadel:iam:org:projects:roles", ZITADEL_API_AUDIENCE_SCOPE];
  if (projectId) scopes.push(`urn:zitadel:iam:org:project:id:${projectId}:aud`);
  return scopes.join(" ");
}

// next-auth's error codes for a sign-in that reached the callback and failed there (state mismatch, IdP error, …).
const FAILED_SIGN_IN_CODES = new Set([
  "OAUTH_CALLBACK_ERROR",
  "OAUTH_CALLBACK_HANDLER_ERROR",
  "SIGNIN_OAUTH_ERROR",
  "CALLBACK_OAUTH_ERROR",
]);

function zitadelProvider(): OAuthConfig<ZitadelProfile> {
  const env = getEnv();
  return {
    id: "zitadel",
    name: "ZITADEL",
    type: "oauth",
    version: "2.0",
    wellKnown: `${env.AUTH_ZITADEL_ISSUER}/.well-known/openid-configuration`,
    clientId: env.AUTH_ZITADEL_CLIENT_ID,
    clientSecret: env.AUTH_ZITADEL_CLIENT_SECRET,
    authorization: { params: { scope: signInScopes(env.AUTH_ZITADEL_PROJECT_ID) } },
    idToken: true,
    checks: ["pkce", "state"],
    // ZITADEL puts profile claims in the id_token only when the app asks for it; userinfo always has them.
    userinfo: {
      async request({ tokens, client }) {
        // At run time `tokens` is openid-client's TokenSet, whose claims() are the verified id_token's.
        const idClaims = (tokens as unknown as { claims(): Record<string, unknown> }).claims();
        const userinfo = await client.userinfo(tokens.access_token ?? "");
        return { ...idClaims, ...userinfo } as ZitadelProfile;
      },
    },
    profile(profile) {
      return {
        id: profile.sub,
        name: profile.name ?? profile.preferred_username ?? profile.sub,
        email: profile.email ?? null,
      };
    },
  };
}

// A sign-in that failed is a failure (denied when ZITADEL's user is disabled here), from the address it came from.
async function recordSignInFailure(
  operator: { id: string; name: string },
  detail: Record<string, unknown>,
  outcome: "failure" | "denied" = "failure",
): Promise<void> {
  const context = { operator, requestId: randomUUID(), ip: await currentClientIp() };
  await recordAuditSafely(context, "login.failure", { outcome, detail });
}

// Anyone can send a broken callback, so these are sampled like other refusals of someone not signed in.
async function recordFailedCallback(code: string): Promise<void> {
  const ip = await currentClientIp();
  await recordAnonymousRefusal({ action: "login.failure", requestId: randomUUID(), ip, facts: { outcome: "failure", detail: { code } } });
}

/**
 * What went wrong in a failed sign-in, without what it carried: next-auth passes either the error or `{ error, … }`,
 * its own error taking the message of openid-client's (a refused grant, a state or PKCE mismatch, a timeout). Name
 * and message only; the redacting logger still sees them before they are written.
 */
function describeFailure(metadata: unknown): { name: string; message: string } | undefined {
  const error = metadata instanceof Error ? metadata : (metadata as { error?: unknown } | undefined)?.error;
  return error instanceof Error ? { name: error.name, message: error.message } : undefined;
}

let options: NextAuthOptions | undefined;

export function getAuthOptions(): NextAuthOptions {
  if (options) return options;
  const env = getEnv();
  const log = getLogger().child({ module: "next-auth" });
  options = {
    secret: env.NEXTAUTH_SECRET,
    providers: [zitadelProvider()],
    session: { strategy: "jwt", maxAge: env.SESSION_MAX_AGE_HOURS * 60 * 60 },
    pages: { signIn: "/login", error: "/login" },
    debug: false,
    logger: {
      error: (code, metadata) => {
        log.error({ code, cause: describeFailure(metadata) }, "next-auth error");
        if (FAILED_SIGN_IN_CODES.has(code)) void recordFailedCallback(code);
      },
      warn: (code) => log.warn({ code }, "next-auth warning"),
      debug: () => undefined,
    },
    events: {
      // Sign-out through next-auth's own route ends the server-side session too; recorded once, by whoever ends it.
      signOut: async ({ token }) => {
        if (typeof token.sid !== "string") return;
        const { wasOpen } = await closeSession(hashSessionId(token.sid));
        const operator = { id: token.sub ?? "unknown", name: typeof token.name === "string" ? token.name : (token.sub ?? "unknown") };
        if (wasOpen) await recordAuditSafely({ operator, requestId: randomUUID(), ip: await currentClientIp() }, "logout");
      },
    },
    callbacks: {
      async signIn({ user }) {
        if (await isSignInAllowed(user.id)) return true;
        await recordSignInFailure({ id: user.id, name: user.name ?? user.id }, { reason: "disabled" }, "denied");
        return false;
      },
      async jwt({ token, account, profile }) {
        // Only at sign-in does next-auth pass the account and profile: that is when the server-side session opens.
        if (account && profile?.sub)
          return {
            sub: profile.sub,
            name: token.name,
            sid: await openSession(profile as Record<string, unknown>, account.id_token, {
              accessToken: account.access_token,
              expiresAt: account.expires_at,
            }),
          };
        return token;
      },
      session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.sub } };
      },
      // Only our own origin; anything unparsable (e.g. "\t//evil.example") lands on the console instead of a 500.
      redirect({ url, baseUrl }) {
        try {
          const target = new URL(url, baseUrl);
          if (target.origin === new URL(baseUrl).origin) return target.href;
        } catch {
          // fall through
        }
        return `${baseUrl}/credentials`;
      },
    },
  };
  return options;
}
