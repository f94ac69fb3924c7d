import "server-only";
import { randomUUID } from "node:crypto";
import { z, ZodError, type ZodType } from "zod";
import { ApiError, zodFieldErrors } from "@/lib/api-error";
import { getEnv } from "@/lib/env";
import { getOperator, type Operator } from "@/lib/server/auth";
import { getLogger } from "@/lib/server/logger";
import { isStoreUnavailable } from "@/lib/server/store/unavailable";
import { StoreConflictError, StoreCursorError, StoreNotFoundError } from "@/lib/server/store/types";

// Every API route handler goes through here: session → origin (writes) → body → handler → error mapping.

const DEFAULT_MAX_BODY_BYTES = 16 * 1024;
const NO_STORE = { "Cache-Control": "no-store" } as const;

export interface RouteContext<B, P, Q = undefined> {
  request: Request;
  operator: Operator;
  body: B;
  params: P;
  query: Q;
  requestId: string;
  ip: string | null;
}

interface RouteOptions<B, P, Q> {
  body?: ZodType<B>;
  params?: ZodType<P>;
  /** Parses the URL's search params (each name once, as a string); a bad query answers 422 like a bad body. */
  query?: ZodType<Q>;
  maxBodyBytes?: number;
  /** A request without a body (no Content-Type, no length) is parsed as `{}`: for bodies whose fields are all optional. */
  isBodyOptional?: boolean;
}

type NextContext = { params: Promise<Record<string, string | string[]>> };

export function withOperator<B = undefined, P = Record<string, never>, Q = undefined>(
  options: RouteOptions<B, P, Q>,
  handler: (context: RouteContext<B, P, Q>) => Promise<Response | object>,
) {
  return async (request: Request, nextContext: NextContext): Promise<Response> => {
    const requestId = randomUUID();
    try {
      const operator = await getOperator();
      if (!operator) throw new ApiError(401, "unauthorized", "Sign in to use M2M Console.");
      if (!isSafeMethod(request.method)) checkOrigin(request);
      const params = options.params ? parseWith(options.params, await nextContext.params, "Invalid path.") : ({} as P);
      const query = options.query ? parseWith(options.query, searchParamsOf(request), "Invalid query.") : (undefined as Q);
      const body = options.body ? await readBody(request, options.body, options) : (undefined as B);
      const result = await handler({ request, operator, body, params, query, requestId, ip: clientIp(request) });
      if (result instanceof Response) {
        result.headers.set("Cache-Control", "no-store");
        return result;
      }
      return Response.json(result, { headers: NO_STORE });
    } catch (error) {
      return errorResponse(error, requestId);
    }
  };
}

export function json(data: unknown, status = 200): Response {
  return Response.json(data, { status, headers: NO_STORE });
}

export function errorResponse(error: unknown, requestId: string): Response {
  const apiError = toApiError(error, requestId);
  if (apiError.status >= 500) getLogger().error({ err: error, requestId }, "request failed");
  return Response.json(apiError.toBody(), { status: apiError.status, headers: NO_STORE });
}

function toApiError(error: unknown, requestId: string): ApiError {
  if (error instanceof ApiError) {
    return new ApiError(error.status, error.code, error.message, { hint: error.hint, fields: error.fields, requestId });
  }
  if (error instanceof StoreNotFoundError) return new ApiError(404, "not_found", "No such credential.", { requestId });
  if (error instanceof StoreConflictError) {
    const hint = error.reason === "version" ? "Reload to see the latest version, then apply your change again." : undefined;
    return new ApiError(409, "conflict", error.message, { hint, requestId });
  }
  if (error instanceof StoreCursorError) {
    return new ApiError(400, "bad_request", "This page link is no longer valid.", { hint: "Start again from the first page.", requestId });
  }
  if (error instanceof ZodError) return validationError(error, "Some fields are not valid.", requestId);
  if (isStoreUnavailable(error)) {
    return new ApiError(503, "unavailable", "The console's database is busy or unreachable.", { hint: "Try again in a few seconds.", requestId });
  }
  return new ApiError(500, "internal", "Something went wrong on the server.", { requestId });
}

function validationError(error: ZodError, message: string, requestId?: string): ApiError {
  return new ApiError(422, "validation_failed", message, { fields: zodFieldErrors(error), requestId });
}

function parseWith<T>(schema: ZodType<T>, value: unknown, message: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error, message);
  return result.data;
}

function isSafeMethod(method: string): boolean {
  return method === "GET" || method === "HEAD" || method === "OPTIONS";
}

// Route handlers have no CSRF protection of their own, and the session cookie rides along cross-site requests.
function checkOrigin(request: Request): void {
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite && fetchSite !== "same-origin") {
    throw new ApiError(403, "bad_origin", "Cross-site requests are not allowed.");
  }
  if (request.headers.get("origin") !== getEnv().APP_ORIGIN) {
    throw new ApiError(403, "bad_origin", "This request did not come from M2M Console.", {
      hint: `Send Origin: ${getEnv().APP_ORIGIN} with every change.`,
    });
  }
}

function searchParamsOf(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}

/** For handlers whose body is optional (e.g. DELETE with `?version=` or a JSON body): the same checks as `body`. */
function readBody<B>(request: Request, schema: ZodType<B>, options: RouteOptions<unknown, unknown, unknown>): Promise<B> {
  const hasBody = request.headers.has("content-type") || Number(request.headers.get("content-length") ?? "0") > 0;
  if (options.isBodyOptional && !hasBody) return Promise.resolve(parseWith(schema, {}, "Some fields are not valid."));
  return readJsonBody(request, schema, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
}

async function readJsonBody<B>(request: Request, schema: ZodType<B>, maxBytes: number): Promise<B> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(contentType)) {
    throw new ApiError(415, "unsupported_media_type", "Send the body as application/json.");
  }
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const text = await readCapped(request, maxBytes);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ApiError(400, "bad_request", "The body is not valid JSON.");
  }
  return parseWith(schema, data, "Some fields are not valid.");
}

async function readCapped(request: Request, maxBytes: number): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function tooLarge(maxBytes: number): ApiError {
  return new ApiError(413, "payload_too_large", `The body is larger than ${Math.round(maxBytes / 1024)} KiB.`);
}

// Forwarded-for headers are only believed behind a proxy the operator declared (TRUST_PROXY_HEADERS), and only
// the entry that proxy appended (the last): everything before it is whatever the client chose to send.
function clientIp(request: Request): string | null {
  if (!getEnv().TRUST_PROXY_HEADERS) return null;
  return request.headers.get("x-forwarded-for")?.split(",").at(-1)?.trim() || null;
}

export const idParamsSchema = z.object({ id: z.string().uuid("Not a credential id.") });
