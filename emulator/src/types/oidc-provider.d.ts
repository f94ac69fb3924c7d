// oidc-provider ships no types; this declares only the surface the emulator uses.
declare module "oidc-provider" {
  import type { IncomingMessage, ServerResponse } from "node:http";

  export interface KoaContextLike {
    body: unknown;
    type: string;
    status: number;
    host: string;
    oidc?: { client?: { clientId: string } };
  }

  export interface Account {
    accountId: string;
    /** `use` is "id_token" or "userinfo"; `scope` is the granted scope string, if any. */
    claims(use: string, scope: string | undefined): Promise<Record<string, unknown>> | Record<string, unknown>;
  }

  export interface Interaction {
    uid: string;
    prompt: { name: string; details: Record<string, unknown> };
    params: Record<string, unknown>;
    session?: { accountId: string };
    grantId?: string;
  }

  export interface Grant {
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    addResourceScope(indicator: string, scope: string): void;
    save(): Promise<string>;
  }

  export interface AccessToken {
    /** The opaque token's value. */
    jti: string;
    accountId: string;
    clientId: string;
    grantId?: string;
    scope?: string;
    exp: number;
    iat: number;
    /** Set when the token ends with the login session (no offline_access). */
    expiresWithSession?: boolean;
    sessionUid?: string;
  }

  /** A browser's login session, found by its signed session cookie. */
  export interface Session {
    accountId?: string;
    grantIdFor(clientId: string): string | undefined;
    destroy(): Promise<void>;
  }

  export type Configuration = Record<string, unknown>;

  export default class Provider {
    constructor(issuer: string, configuration: Configuration);
    readonly issuer: string;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: Record<string, unknown>,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
    on(event: string, listener: (...args: unknown[]) => void): this;
    Grant: {
      new (init: { accountId: string; clientId: string }): Grant;
      find(id: string): Promise<Grant | undefined>;
    };
    AccessToken: { find(token: string): Promise<AccessToken | undefined> };
    Session: {
      get(ctx: { req: IncomingMessage; res: ServerResponse }): Promise<Session>;
      findByUid(uid: string): Promise<Session | undefined>;
    };
    cookieName(type: "session" | "interaction" | "resume"): string;
  }
}
