import "server-only";
import type { IncomingMessage } from "node:http";
import { headers } from "next/headers";
import { getEnv } from "@/lib/env";

// Where a request came from, for the audit log. Next hands route handlers a fetch Request without its socket, so the
// HTTP server stamps the socket's address on each request before Next sees it, in a header of our own that replaces
// whatever a client sent under that name. Forwarded-for headers are only believed behind a proxy the operator declared
// (TRUST_PROXY_HEADERS), and only the entry that proxy appended (the last): the rest is whatever the client chose.

export const PEER_ADDRESS_HEADER = "x-m2m-console-peer-address";

/** Called by the HTTP server for every request, before Next: the connected socket's address, never the client's say. */
export function stampPeerAddress(request: IncomingMessage): void {
  const address = request.socket?.remoteAddress;
  if (address) request.headers[PEER_ADDRESS_HEADER] = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");
  else delete request.headers[PEER_ADDRESS_HEADER];
}

/** The client's address: the proxy's last forwarded-for entry when trusted, otherwise the socket's. */
export function clientIpOf(headers: Headers): string | null {
  if (getEnv().TRUST_PROXY_HEADERS) return headers.get("x-forwarded-for")?.split(",").at(-1)?.trim() || null;
  return headers.get(PEER_ADDRESS_HEADER) || null;
}

/** The address of the request being handled, for code that gets no Request (next-auth's callbacks); null outside one. */
export async function currentClientIp(): Promise<string | null> {
  try {
    return clientIpOf(await headers());
  } catch {
    return null;
  }
}
