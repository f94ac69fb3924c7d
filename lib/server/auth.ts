import "server-only";
import type { NextAuthOptions, Session } from "next-auth";
import { getServerSession } from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { getEnv } from "@/lib/env";
import { getLogger } from "@/lib/server/logger";
import { getStore } from "@/lib/server/store";

// Operator sign-in: authorization code + PKCE against ZITADEL (the bundled emulator in the demo).

export interface Operator {
  id: string;
  name: string;
  email: string | null;
}

interface ZitadelProfile extends Record<string, unknown> {
  sub: string;
  name?: string;
  preferred_username?: string;
  email?: string;
}

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
    authorization: { params: { scope: "openid profile email" } },
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

async function auditSession(action: string, actor: string, actorName: string | null): Promise<void> {
  try {
    await (await getStore()).appendAudit({ actor, actorName, action, outcome: "success" });
  } catch (error) {
    getLogger().warn({ err: error, action }, "could not record the sign-in event");
  }
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
      error: (code, metadata) => log.error({ code, metadata: metadata instanceof Error ? { message: metadata.message } : undefined }, "next-auth error"),
      warn: (code) => log.warn({ code }, "next-auth warning"),
      debug: () => undefined,
    },
    // Sign-ins and sign-outs belong in the audit log (who was here, when); a failed write must not block them.
    events: {
      signIn: ({ user }) => auditSession("login.success", user.id, user.name ?? null),
      signOut: ({ token }) => auditSession("logout", token.sub ?? "unknown", typeof token.name === "string" ? token.name : null),
    },
    callbacks: {
      jwt({ token, profile }) {
        if (profile?.sub) token.sub = profile.sub;
        return token;
      },
      session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.sub } } as Session;
      },
    },
  };
  return options;
}

/** The signed-in operator, or null. Requires a user id: a truthy but empty session must not count as signed in. */
export async function getOperator(): Promise<Operator | null> {
  const session = await getServerSession(getAuthOptions());
  const user = session?.user as { id?: string; name?: string | null; email?: string | null } | undefined;
  if (!user?.id) return null;
  return { id: user.id, name: user.name ?? user.id, email: user.email ?? null };
}
