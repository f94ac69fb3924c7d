import "server-only";
import { Server, type IncomingMessage, type ServerResponse } from "node:http";
import { ApiError } from "@/lib/api-error";
import { stampPeerAddress } from "./client-ip";
import { guardRequestBody, REQUEST_BODY_MAX_BYTES, writeRefusal } from "./request-guard";

// Next hands every request to the proxy and to route handlers as a fetch `Request`, and fetch refuses TRACE
// outright: Next answers it with a 500 and a stack trace in the log. It answers any method but GET and HEAD on a
// file (build output, public/) with a 500 too, and renders pages for WebDAV verbs. So methods the app does not speak
// are refused at the HTTP server, before Next.

const APP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
const FILE_METHODS = ["GET", "HEAD"];

/** Answers 405 and returns true when the app does not serve this method on this path. */
export function refuseUnknownMethod(request: IncomingMessage, response: ServerResponse): boolean {
  const allowed = isFilePath(request.url ?? "/") ? FILE_METHODS : APP_METHODS;
  if (allowed.includes(request.method ?? "")) return false;
  const body = new ApiError("method_not_allowed", `${request.method} is not supported here.`).toBody();
  writeRefusal(response, 405, body, { Allow: allowed.join(", ") });
  return true;
}

// Build output, or a name with an extension (public/): no page or API route of the app ends in one.
function isFilePath(url: string): boolean {
  const path = url.split("?", 1)[0]!;
  return path.startsWith("/_next/static/") || /\.[a-z0-9]+$/i.test(path.slice(path.lastIndexOf("/")));
}

let isInstalled = false;

/**
 * Puts `refuseUnknownMethod` and the body guard (./request-guard) in front of every HTTP server of this process
 * (`next start` creates one).
 */
export function installMethodGuard(bodyTimeoutSeconds = 15): void {
  if (isInstalled) return;
  isInstalled = true;
  const bodyLimits = { maxBytes: REQUEST_BODY_MAX_BYTES, timeoutMs: bodyTimeoutSeconds * 1000 };
  // Next creates its server before loading the app and keeps no handle to it to share: the prototype is the one
  // place that sees each request first.
  const emit = Server.prototype.emit;
  Server.prototype.emit = function emitUnlessRefused(this: Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const [request, response] = args as [IncomingMessage, ServerResponse];
      if (refuseUnknownMethod(request, response) || guardRequestBody(request, response, bodyLimits)) return true;
      stampPeerAddress(request);
    }
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof emit;
}
