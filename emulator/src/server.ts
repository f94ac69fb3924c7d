import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { AccessToken } from "oidc-provider";
import { moveBodyCredentialsToBasic } from "./client-auth";
import { DEFAULT_SECRET_PROPAGATION_MS } from "./config";
import type { EmulatorContext } from "./context";
import { createDirectory } from "./directory";
import { discoveryDocument, routes } from "./discovery";
import { handleEndSession, LOGGED_OUT_PATH } from "./end-session";
import { instanceNotFound, managementErrors, tokenErrors } from "./errors";
import { deliver } from "./faults";
import { Gates } from "./gates";
import { messagePage } from "./html";
import { parseRequestForm, plainText, type Reply, writeReply } from "./http";
import { handleIntrospection } from "./introspection";
import { createSigningKey } from "./keys";
import { handleLogin } from "./login";
import { handleOrgsMe } from "./management";
import { createProvider, LOGIN_PATH_PREFIX } from "./provider";
import { handleProvisioning, isProvisioningPath } from "./provisioning";
import { type Seed, withExtraRedirectOrigins } from "./seed";
import { stateWriter } from "./state-file";
import { Stats } from "./stats";
import { handleTestHook, TEST_HOOK_PREFIX } from "./test-hooks";
import { handleTokenRequest } from "./token-endpoint";
import { TokenStore } from "./token-store";
import { handleUserinfo } from "./userinfo";

export interface EmulatorOptions {
  seed: Seed;
  /** 0 picks a free port. Default 8080. */
  port?: number;
  /** Bind address; default: all interfaces, dual-stack, so `localhost` works over ::1 and 127.0.0.1. */
  host?: string;
  /** Origin with no path. Default `http://localhost:<port>`. Requests for any other Host get ZITADEL's 404. */
  issuer?: string;
  /** Each origin gets `/api/auth/callback/zitadel` and `/login` on every OIDC app. */
  extraRedirectOrigins?: readonly string[];
  /** How long a secret generated over the Management API is unknown to the token endpoint. Default 2000 ms. */
  secretPropagationMs?: number;
  /** Where what the Management API and the test hooks change is kept across restarts; none = in memory only. */
  stateFile?: { path: string; seedDigest: string };
  /** The aggregates' latest sequences, read from the state file with the seed. */
  sequences?: Record<string, number>;
}

export interface RunningEmulator {
  url: string;
  issuer: string;
  port: number;
  stats: Stats;
  close(): Promise<void>;
}

type Forward = (req: IncomingMessage, res: ServerResponse) => void;

export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const directory = createDirectory(withExtraRedirectOrigins(options.seed, options.extraRedirectOrigins ?? []), options.sequences);
  const state = options.stateFile ? stateWriter(options.stateFile.path, directory, options.stateFile.seedDigest) : undefined;
  const key = await createSigningKey();
  const closing = new AbortController();
  let handle: Forward = (_req, res) => writeReply(res, plainText(503, "starting"));
  const server = createServer((req, res) => handle(req, res));
  await listen(server, options.port ?? 8080, options.host);

  const port = (server.address() as AddressInfo).port;
  const issuer = (options.issuer ?? `http://localhost:${port}`).replace(/\/+$/, "");
  const provider = createProvider(issuer, directory, key);
  const ctx: EmulatorContext = {
    issuer,
    directory,
    key,
    tokens: new TokenStore(),
    stats: new Stats(),
    gates: new Gates(),
    provider,
    startedAt: Date.now(),
    secretPropagationMs: options.secretPropagationMs ?? DEFAULT_SECRET_PROPAGATION_MS,
    operatorTokens: new Map(),
  };
  provider.on("access_token.saved", (token) => rememberOperatorToken(ctx, token as AccessToken));
  const forward = provider.callback();
  handle = (req, res) => {
    if (state && changesState(req)) res.once("finish", () => state.changed());
    route(ctx, req, res, forward, closing.signal).catch((error: unknown) => {
      console.error("emulator: request failed", error);
      writeReply(res, tokenErrors.internal());
    });
  };

  return {
    url: `http://localhost:${port}`,
    issuer,
    port,
    stats: ctx.stats,
    close: () => {
      state?.flush();
      closing.abort();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

async function route(
  ctx: EmulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  forward: Forward,
  closing: AbortSignal,
): Promise<void> {
  const url = new URL(req.url ?? "/", ctx.issuer);
  const { pathname } = url;
  if (pathname.startsWith(TEST_HOOK_PREFIX)) return writeReply(res, await handleTestHook(ctx, req, pathname));
  if (!isInstanceHost(ctx.issuer, req)) return writeReply(res, instanceNotFound());
  const signal = requestSignal(res, closing);

  switch (pathname) {
    case "/.well-known/openid-configuration":
      return writeReply(res, discoveryDocument(ctx.issuer));
    case routes.token: {
      const outcome = await handleTokenRequest(ctx, req, url);
      if (outcome.kind === "forward") return forward(req, res);
      ctx.stats.count("token", outcome.client);
      if (!(await ctx.gates.pass(outcome.client, signal))) return;
      return deliver(res, outcome.reply, outcome.faults, "token", signal);
    }
    case routes.introspection:
      return writeReply(res, await handleIntrospection(ctx, req, url));
    case routes.revocation: {
      const { form } = await parseRequestForm(req, url);
      moveBodyCredentialsToBasic(req, form);
      return forward(req, res);
    }
    case routes.userinfo: {
      const outcome = await handleUserinfo(ctx, req, url);
      return outcome.kind === "forward" ? forward(req, res) : writeReply(res, outcome.reply);
    }
    case "/management/v1/orgs/me": {
      const outcome = await handleOrgsMe(ctx, req);
      ctx.stats.count("orgsMe", outcome.client);
      return deliver(res, outcome.reply, outcome.faults, "orgs", signal);
    }
    case routes.end_session:
      return handleEndSession(ctx, req, res, url);
    case LOGGED_OUT_PATH:
      return writeReply(res, signedOutPage());
    case "/debug/healthz":
      return writeReply(res, { status: 200, headers: { "content-type": "text/plain; charset=utf-8" }, body: "ok" });
  }
  if (pathname.startsWith(LOGIN_PATH_PREFIX)) return handleLogin(ctx, req, res, url);
  // The provisioning calls and the v2 org search; never faulted (faults are for orgs/me).
  if (isProvisioningPath(pathname)) {
    const outcome = await handleProvisioning(ctx, req, url);
    ctx.stats.count("management", outcome.client);
    return writeReply(res, outcome.reply);
  }
  if (pathname.startsWith("/management/v1/")) return writeReply(res, managementErrors.notFound());
  return forward(req, res);
}

/** The Management API's writes and the test hooks' change users; token requests and reads change nothing kept. */
function changesState(req: IncomingMessage): boolean {
  if (req.method === "GET" || req.method === "HEAD") return false;
  const { pathname } = new URL(req.url ?? "/", "http://emulator");
  return pathname.startsWith(TEST_HOOK_PREFIX) || isProvisioningPath(pathname);
}

/** Opaque operator tokens are stored by their value (jti); the test hook lists those still live. */
function rememberOperatorToken(ctx: EmulatorContext, token: AccessToken): void {
  if (!ctx.directory.operatorById(token.accountId)) return;
  const tokens = ctx.operatorTokens.get(token.accountId) ?? new Set<string>();
  tokens.add(token.jti);
  ctx.operatorTokens.set(token.accountId, tokens);
}

function signedOutPage(): Reply {
  const body = messagePage("Signed out", "You have been signed out.");
  return { status: 200, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" }, body };
}

/** ZITADEL picks the instance by x-zitadel-instance-host, else Host; only the issuer's host is served. */
function isInstanceHost(issuer: string, req: IncomingMessage): boolean {
  const forwarded = req.headers["x-zitadel-instance-host"];
  const requested = (typeof forwarded === "string" && forwarded !== "" ? forwarded : req.headers.host) ?? "";
  const expected = new URL(issuer);
  const defaultPort = expected.protocol === "https:" ? ":443" : ":80";
  const normalised = requested.toLowerCase().endsWith(defaultPort) ? requested.slice(0, -defaultPort.length) : requested;
  return normalised.toLowerCase() === expected.host;
}

/** Aborts when the client goes away or the emulator closes, so delayed answers stop early. */
function requestSignal(res: ServerResponse, closing: AbortSignal): AbortSignal {
  const gone = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) gone.abort();
  });
  return AbortSignal.any([closing, gone.signal]);
}

function listen(server: Server, port: number, host: string | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      const where = `${host ?? "*"}:${port}`;
      reject(new Error(error.code === "EADDRINUSE" ? `port ${where} is already in use` : `cannot listen on ${where}: ${error.message}`));
    };
    server.once("error", onError);
    server.listen({ port, host }, () => {
      server.off("error", onError);
      resolve();
    });
  });
}
