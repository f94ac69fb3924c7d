import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as wait } from "node:timers/promises";
import { FormValues, parseQueryInto } from "./go-form";

/** A complete answer, built by a handler and written (possibly with faults) by the server. */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const BODY_LIMIT = 1024 * 1024;
const bodies = new WeakMap<IncomingMessage, Buffer>();

/** Reads the body once; leaves it on `req.body` so oidc-provider can still parse a forwarded request. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const cached = bodies.get(req);
  if (cached) return cached;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > BODY_LIMIT) throw new Error("request body too large");
    chunks.push(chunk as Buffer);
  }
  const body = Buffer.concat(chunks);
  bodies.set(req, body);
  (req as IncomingMessage & { body?: Buffer | string }).body = body;
  return body;
}

/** Replaces the body oidc-provider will see (used to rewrite client authentication). */
export function replaceBody(req: IncomingMessage, body: string): void {
  (req as IncomingMessage & { body?: Buffer | string }).body = body;
}

/** Go's Request.ParseForm: url-encoded body (POST/PUT/PATCH only) first, then the query string. */
export async function parseRequestForm(req: IncomingMessage, url: URL): Promise<{ form: FormValues; error?: Error }> {
  const form = new FormValues();
  let error: Error | undefined;
  if (["POST", "PUT", "PATCH"].includes(req.method ?? "") && mediaType(req) === "application/x-www-form-urlencoded") {
    error = parseQueryInto(form, (await readBody(req)).toString("utf8"));
  }
  const queryError = parseQueryInto(form, url.search.slice(1));
  return { form, error: error ?? queryError };
}

export function mediaType(req: IncomingMessage): string {
  return (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
}

/** Go's json.Encoder appends a newline; zitadel/oidc writes every OAuth body that way. */
export function oauthJson(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store", pragma: "no-cache", ...headers },
    body: `${JSON.stringify(value)}\n`,
  };
}

/** grpc-gateway marshals without a trailing newline. */
export function gatewayJson(status: number, value: unknown): Reply {
  return { status, headers: { "content-type": "application/json" }, body: JSON.stringify(value) };
}

/** Go's http.Error: text/plain, nosniff, message plus newline. */
export function plainText(status: number, message: string): Reply {
  return {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff" },
    body: `${message}\n`,
  };
}

export function writeReply(res: ServerResponse, reply: Reply): void {
  if (res.destroyed || res.headersSent) return;
  const body = Buffer.from(reply.body, "utf8");
  res.writeHead(reply.status, { ...reply.headers, "content-length": String(body.length) });
  res.end(body);
}

/** Resolves true after `ms`, false as soon as `signal` aborts (client gone or emulator closing): Node's own timer. */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return wait(ms, true, { signal }).catch(() => false);
}
