import type { ServerResponse } from "node:http";
import { grpcStatus, tokenErrors } from "./errors";
import { sleep, writeReply, type Reply } from "./http";
import { faultEndpoints, type FaultEndpoint, type Faults, type ServiceUser } from "./seed";

// Seeded misbehaviour, per service user, for the endpoints in `on` (default: both).

export function faultsFor(user: ServiceUser | undefined, endpoint: FaultEndpoint): Faults | undefined {
  const faults = user?.faults;
  if (!faults) return undefined;
  return (faults.on ?? faultEndpoints).includes(endpoint) ? faults : undefined;
}

/** ZITADEL's eventual consistency: a secret generated a moment ago answers Secret.NotExisting for a few seconds. */
export function isSecretHidden(faults: Faults | undefined, startedAt: number): boolean {
  const seconds = faults?.secretVisibleAfterSeconds;
  return seconds !== undefined && Date.now() < startedAt + seconds * 1000;
}

/**
 * The same gap after a secret was generated over the Management API: the new secret is unknown to the token endpoint
 * until `visibleAt`, while the old one is already gone (it fails as Secret.Invalid).
 */
export function isSecretPropagating(visibleAt: number): boolean {
  return Date.now() < visibleAt;
}

const REASONS: Record<number, string> = {
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};
const GRPC_CODES: Record<number, [number, string]> = {
  500: [13, "Internal"],
  502: [14, "Unavailable"],
  503: [14, "Unavailable"],
  504: [4, "Deadline Exceeded"],
};

/** What a reverse proxy in front of ZITADEL answers when the upstream is down. */
export function nginxErrorPage(status: number): Reply {
  const title = `${status} ${REASONS[status] ?? "Bad Gateway"}`;
  const body = `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
  return { status, headers: { "content-type": "text/html", server: "nginx" }, body };
}

function outageReply(faults: Faults, endpoint: FaultEndpoint): Reply | undefined {
  if (faults.html) return nginxErrorPage(faults.status ?? 502);
  if (faults.status === undefined) return undefined;
  if (endpoint === "token") return tokenErrors.internal(faults.status);
  const [code, message] = GRPC_CODES[faults.status] ?? [14, "Unavailable"];
  return grpcStatus(faults.status, code, message);
}

/** Latency first, then an outage answer or the real one, trickled if asked. */
export async function deliver(
  res: ServerResponse,
  reply: Reply,
  faults: Faults | undefined,
  endpoint: FaultEndpoint,
  signal: AbortSignal,
): Promise<void> {
  if (faults?.latencyMs && !(await sleep(faults.latencyMs, signal))) return;
  const outage = faults ? outageReply(faults, endpoint) : undefined;
  if (outage || !faults?.trickleMs) return writeReply(res, outage ?? reply);
  await trickle(res, reply, faults.trickleMs, signal);
}

const TRICKLE_CHUNK_BYTES = 8;

/** Headers at once, then the correct body a few bytes at a time: a client's deadline must cover the body too. */
async function trickle(res: ServerResponse, reply: Reply, delayMs: number, signal: AbortSignal): Promise<void> {
  const body = Buffer.from(reply.body, "utf8");
  res.writeHead(reply.status, { ...reply.headers, "content-length": String(body.length) });
  res.flushHeaders();
  for (let offset = 0; offset < body.length; offset += TRICKLE_CHUNK_BYTES) {
    if (offset > 0 && !(await sleep(delayMs, signal))) return void res.destroy();
    res.write(body.subarray(offset, offset + TRICKLE_CHUNK_BYTES));
  }
  res.end();
}
