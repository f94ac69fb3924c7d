import "server-only";
import { randomUUID } from "node:crypto";
import type { ZodType } from "zod";
import type { Access } from "@/lib/schemas/roles";
import type { RequestContext } from "@/lib/server/request-context";
import { readBody, type BodyOptions } from "./body";
import { errorResponse, NO_STORE, parseWith } from "./errors";
import { admit } from "./guard";
import { clientIp, searchParamsOf } from "./request";
import { checkAnswer, type ResponseSchemas, type RouteSpec } from "./responses";

// Every API route handler goes through here: session (origin for writes) or bearer token → role → params, query,
// body → handler → error mapping.

export { NO_STORE, storeUnreachable } from "./errors";
export type { ResponseSpec, RouteSpec } from "./responses";

export interface RouteArgs<B, P, Q = undefined> {
  request: Request;
  context: RequestContext;
  body: B;
  params: P;
  query: Q;
}

interface RouteOptions<B, P, Q> extends BodyOptions {
  /** Who may call the route; checked on the server for every request, before anything else is read. */
  role: Access;
  body?: ZodType<B>;
  params?: ZodType<P>;
  /** Parses the URL's search params (each name once, as a string); a bad query answers 422 like a bad body. */
  query?: ZodType<Q>;
  /** What it answers, by status: the API reference is generated from it (see ./responses). */
  response: ResponseSchemas;
}

type NextContext = { params: Promise<Record<string, string | string[]>> };

export function withOperator<B = undefined, P = Record<string, never>, Q = undefined>(
  options: RouteOptions<B, P, Q>,
  handler: (args: RouteArgs<B, P, Q>) => Promise<Response | object>,
) {
  const route = async (request: Request, nextContext: NextContext): Promise<Response> => {
    const requestId = randomUUID();
    try {
      const ip = clientIp(request);
      const operator = await admit(options.role, { request, requestId, ip });
      const params = options.params ? parseWith(options.params, await nextContext.params, "Invalid path.") : ({} as P);
      const query = options.query ? parseWith(options.query, searchParamsOf(request), "Invalid query.") : (undefined as Q);
      const body = options.body ? await readBody(request, options.body, options) : (undefined as B);
      const context: RequestContext = { operator, requestId, ip };
      const response = toResponse(await handler({ request, context, body, params, query }));
      await checkAnswer(response, options.response);
      return response;
    } catch (error) {
      return errorResponse(error, requestId);
    }
  };
  // The declared role and contract ride on the handler: a test proves no route was left without them, and the API
  // reference is generated from them.
  const spec: RouteSpec = options;
  return Object.assign(route, { access: options.role, spec });
}

/** A route outside the wrapper (no session: liveness, the metrics scraper) declares its answers the same way. */
export function publicRoute<H extends (request: Request) => Response | Promise<Response>>(response: ResponseSchemas, handler: H) {
  const spec: RouteSpec = { role: "public", response };
  return Object.assign(handler, { spec });
}

function toResponse(result: Response | object): Response {
  if (!(result instanceof Response)) return Response.json(result, { headers: NO_STORE });
  // next.config.mjs decides the API's Cache-Control (no-transform for the answers gzip must not touch) and wins
  // over this one; a handler's own is replaced so no route can ask for caching.
  result.headers.set("Cache-Control", NO_STORE["Cache-Control"]);
  return result;
}

export function json(data: unknown, status = 200): Response {
  return Response.json(data, { status, headers: NO_STORE });
}
