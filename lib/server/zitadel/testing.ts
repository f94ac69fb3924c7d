import "server-only";
import type http from "node:http";
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload } from "jose";
import { startTestServer, type TestServer } from "@/lib/server/http/testing";

// A scriptable stand-in for a ZITADEL instance on a real local socket: discovery, JWKS, token and orgs/me,
// each answering whatever the test sets. Unit tests use it; the emulator covers the real behaviour end to end.

export interface Reply {
  status: number;
  contentType?: string;
  body: string;
  headers?: Record<string, string>;
}

export interface FakeIssuer {
  server: TestServer;
  issuer: string;
  /** Overrides of the discovery document's fields (merged over the defaults). */
  discovery: Record<string, unknown>;
  discoveryReply?: Reply;
  token: (body: URLSearchParams, req: http.IncomingMessage) => Reply;
  orgsMe: (req: http.IncomingMessage) => Reply | "drop";
  /** The rest of the Management API (provisioning) and the v2 org search; unset or undefined: 404 as an unknown path. */
  management?: (req: http.IncomingMessage, path: string, body: string) => Reply | undefined;
  jwks: { keys: JWK[] };
  sign: (claims: JWTPayload, header?: Record<string, unknown>) => Promise<string>;
  count: (path: string) => number;
}

export function json(status: number, value: unknown, headers?: Record<string, string>): Reply {
  return { status, contentType: "application/json", body: `${JSON.stringify(value)}\n`, headers };
}

export async function startFakeIssuer(): Promise<FakeIssuer> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid: "key-1", alg: "RS256", use: "sig" };
  const fake = {
    discovery: {},
    token: () => json(500, { error: "server_error", error_description: "Errors.Internal" }),
    orgsMe: () => json(500, { code: 13, message: "not scripted" }),
    jwks: { keys: [publicJwk] },
  } as unknown as FakeIssuer;

  fake.server = await startTestServer((req, res, body) => {
    const path = (req.url ?? "").split("?")[0];
    const reply = route(fake, path ?? "", req, body);
    if (reply === "drop") {
      req.socket.destroy();
      return;
    }
    res.writeHead(reply.status, { ...(reply.contentType ? { "content-type": reply.contentType } : {}), ...reply.headers });
    res.end(reply.body);
  });
  fake.issuer = fake.server.origin;
  fake.sign = (claims, header = {}) =>
    new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: "key-1", typ: "JWT", ...header }).sign(privateKey);
  fake.count = (path) => fake.server.requests.filter((request) => request.url.split("?")[0] === path).length;
  return fake;
}

function route(fake: FakeIssuer, path: string, req: http.IncomingMessage, body: string): Reply | "drop" {
  switch (path) {
    case "/.well-known/openid-configuration":
      return (
        fake.discoveryReply ??
        json(200, {
          issuer: fake.issuer,
          token_endpoint: `${fake.issuer}/oauth/v2/token`,
          jwks_uri: `${fake.issuer}/oauth/v2/keys`,
          grant_types_supported: ["client_credentials"],
          token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
          ...fake.discovery,
        })
      );
    case "/oauth/v2/keys":
      return json(200, fake.jwks);
    case "/oauth/v2/token":
      return fake.token(new URLSearchParams(body), req);
    case "/management/v1/orgs/me":
      return fake.orgsMe(req);
    default:
      return (
        fake.management?.(req, path, body) ?? {
          status: 404,
          contentType: "text/plain",
          body: "Instance not found. Make sure you got the domain right.",
        }
      );
  }
}
