import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiError, type ApiErrorCode } from "@/lib/api-error";
import SECURITY_HEADERS from "@/lib/security-headers.json";

// Request bodies are checked at the HTTP server, before Next. Where proxy.ts runs (pages, next-auth), Next reads the
// whole body for it and waits for its end before the proxy or a handler sees the request; the JSON API skips the
// proxy, and its route wrapper checks the session before it reads a byte. So a body too large is refused here by
// its Content-Length at once, cut off as it arrives when it has none, and one that does not arrive in time gets a 408,
// wherever it was going. Route handlers still cap their own, smaller, bodies as they read them.

/** Larger than any route's own cap (the CSV import's, 516 KiB, is the largest). */
export const REQUEST_BODY_MAX_BYTES = 1024 * 1024;

export interface BodyGuardOptions {
  maxBytes: number;
  timeoutMs: number;
}

/** Answers 413 and returns true for a declared length over the cap; otherwise watches the body as it arrives. */
export function guardRequestBody(request: IncomingMessage, response: ServerResponse, options: BodyGuardOptions): boolean {
  const declared = Number(request.headers["content-length"] ?? 0);
  if (declared > options.maxBytes) {
    refuseAndClose(request, response, "payload_too_large", tooLargeMessage(options.maxBytes));
    return true;
  }
  if (declared === 0 && request.headers["transfer-encoding"] === undefined) return false;
  capAsItArrives(request, response, options.maxBytes);
  const timer = setTimeout(() => {
    if (!request.complete) refuseAndClose(request, response, "request_timeout", "The request body did not arrive in time.");
  }, options.timeoutMs);
  timer.unref();
  request.once("end", () => clearTimeout(timer));
  request.once("close", () => clearTimeout(timer));
  // An answer sent before the body was read (a 401, a 413 from the route) must not keep the socket draining it. Node
  // drains a body that has arrived whole and keeps the connection for the client's next request: only a body still
  // coming a moment later gets the socket closed under it, never a request that has reused the connection since.
  response.once("finish", () => {
    clearTimeout(timer);
    if (!request.complete) closeSoon(request, () => !request.complete);
  });
  return false;
}

// The HTTP parser hands each chunk of the body to push(): counting there caps a chunked body without reading it.
function capAsItArrives(request: IncomingMessage, response: ServerResponse, maxBytes: number): void {
  const push = request.push.bind(request);
  let received = 0;
  request.push = (chunk: unknown, encoding?: BufferEncoding) => {
    if (chunk !== null && (chunk as Buffer).length !== undefined) {
      received += (chunk as Buffer).length;
      if (received > maxBytes) {
        refuseAndClose(request, response, "payload_too_large", tooLargeMessage(maxBytes));
        return false;
      }
    }
    return push(chunk, encoding);
  };
}

/** The HTTP server's own refusals carry the same headers as every answer of the app. */
export function writeRefusal(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, {
    ...Object.fromEntries(SECURITY_HEADERS.everyAnswer.map(({ key, value }) => [key, value])),
    "Cache-Control": "no-store",
    "Content-Security-Policy": SECURITY_HEADERS.apiPolicy,
    "Content-Type": "application/json",
    ...headers,
  });
  response.end(JSON.stringify(body));
}

function refuseAndClose(request: IncomingMessage, response: ServerResponse, code: ApiErrorCode, message: string): void {
  if (!response.headersSent) {
    const error = new ApiError(code, message);
    writeRefusal(response, error.status, error.toBody(), { Connection: "close" });
  }
  closeSoon(request);
}

// The answer goes out first; a client still sending gets the socket closed under it a moment later.
function closeSoon(request: IncomingMessage, stillSending: () => boolean = () => true): void {
  const socket = request.socket;
  setTimeout(() => {
    if (stillSending()) socket.destroy();
  }, 1_000).unref();
}

function tooLargeMessage(maxBytes: number): string {
  return `The body is larger than ${Math.round(maxBytes / 1024)} KiB.`;
}
