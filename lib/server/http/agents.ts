import "server-only";
import dns from "node:dns";
import type { LookupFunction } from "node:net";
import tls from "node:tls";
import { Agent, buildConnector } from "undici";
import { getEnv } from "@/lib/env";
import { processSingleton } from "@/lib/server/process-singleton";
import { ipLiteral, isPublicUnicast } from "./address-policy";
import { BlockedAddressError } from "./outbound-error";

// One keep-alive undici Agent per issuer origin. Its connector refuses non-public addresses twice:
// before connecting (IP literals and DNS answers, for a clear error) and on the socket actually connected
// (authoritative: covers IP literals, IPv4-mapped forms and DNS rebinding), unless the origin is allow-listed.
// Certificates are always verified, whatever NODE_TLS_REJECT_UNAUTHORIZED says: a client secret goes over these sockets.

const MAX_AGENTS = 64;
const KEEP_ALIVE_MS = 30_000;
const MAX_CONNECT_MS = 10_000;

export class OriginAgent {
  readonly agent: Agent;
  /** The address this origin's pool connected to most recently. */
  lastRemoteAddress: string | null = null;

  constructor(allowPrivate: boolean, timeoutMs: number) {
    const connect = createGuardedConnector({
      allowPrivate,
      connectTimeoutMs: Math.min(timeoutMs, MAX_CONNECT_MS),
      onConnected: (address) => {
        this.lastRemoteAddress = address;
      },
    });
    this.agent = new Agent({ connect, keepAliveTimeout: KEEP_ALIVE_MS, keepAliveMaxTimeout: 2 * KEEP_ALIVE_MS });
  }
}

const agents = processSingleton("http-agents", () => new Map<string, OriginAgent>());

export function agentFor(origin: string, allowPrivate: boolean, timeoutMs: number): OriginAgent {
  const key = `${origin} ${allowPrivate ? "private-ok" : "public-only"}`;
  let entry = agents.get(key);
  if (!entry) {
    entry = new OriginAgent(allowPrivate, timeoutMs);
    agents.set(key, entry);
    evictOldest();
  }
  return entry;
}

/** Closes every pooled connection (tests, graceful shutdown). */
export async function closeAgents(): Promise<void> {
  const all = [...agents.values()];
  agents.clear();
  await Promise.allSettled(all.map((entry) => entry.agent.close()));
}

interface ConnectorOptions {
  allowPrivate: boolean;
  connectTimeoutMs: number;
  onConnected?: (address: string) => void;
  /** Default true. Tests turn it off to prove the post-connect check holds on its own. */
  preflight?: boolean;
}

export function createGuardedConnector({
  allowPrivate,
  connectTimeoutMs,
  onConnected,
  preflight = true,
}: ConnectorOptions): buildConnector.connector {
  const checkEarly = preflight && !allowPrivate;
  const base = buildConnector({ timeout: connectTimeoutMs, ...issuerTlsOptions(), ...(checkEarly ? { lookup: publicOnlyLookup } : {}) });
  return (options, callback) => {
    const literal = ipLiteral(options.hostname);
    if (checkEarly && literal && !isPublicUnicast(literal)) {
      callback(new BlockedAddressError(literal), null);
      return;
    }
    base(options, (...result) => {
      const [error, socket] = result;
      if (error) {
        callback(error, null);
        return;
      }
      const address = socket.remoteAddress ?? "";
      if (!allowPrivate && !isPublicUnicast(address)) {
        socket.destroy();
        callback(new BlockedAddressError(address || "an unknown address"), null);
        return;
      }
      onConnected?.(address);
      callback(null, socket);
    });
  };
}

/**
 * TLS options of every issuer connection: verification stated explicitly (Node's default follows the environment
 * variable), and with ISSUER_CA_FILE a context that trusts Node's default roots plus those CAs, built once.
 */
export function issuerTlsOptions(): { rejectUnauthorized: true; secureContext?: tls.SecureContext } {
  const extra = getEnv().ISSUER_CA_CERTS;
  if (extra.length === 0) return { rejectUnauthorized: true };
  const secureContext = processSingleton("issuer-tls-context", () => tls.createSecureContext({ ca: issuerCaList(extra) }));
  return { rejectUnauthorized: true, secureContext };
}

/** `ca` replaces the roots a context trusts, so the defaults are listed along with the operator's CAs. */
export function issuerCaList(extra: readonly string[]): string[] {
  return [...tls.rootCertificates, ...extra];
}

// Refuses a name that resolves to any non-public address, before a socket is opened.
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) {
      callback(error, "", 0);
      return;
    }
    const blocked = addresses.find((entry) => !isPublicUnicast(entry.address));
    if (blocked) {
      callback(new BlockedAddressError(blocked.address) as NodeJS.ErrnoException, "", 0);
      return;
    }
    if (options.all) {
      callback(null, addresses);
      return;
    }
    const first = addresses[0];
    if (!first) {
      callback(Object.assign(new Error(`no address for ${hostname}`), { code: "ENOTFOUND" }), "", 0);
      return;
    }
    callback(null, first.address, first.family);
  });
};

function evictOldest(): void {
  while (agents.size > MAX_AGENTS) {
    const [oldestKey, oldest] = agents.entries().next().value as [string, OriginAgent];
    agents.delete(oldestKey);
    void oldest.agent.close().catch(() => undefined);
  }
}
