import "server-only";
import { guardedFetch, type GuardedResponse } from "./guarded-fetch";

// guardedFetch behind the (url, init) → Response signature that oauth4webapi's `customFetch` expects.

interface FetchInit {
  body?: unknown;
  headers: Record<string, string>;
  method: string;
  signal?: AbortSignal;
}

export interface CapturedRequest {
  method: "GET" | "POST";
  url: string;
  /** As sent, credentials included: redact before showing (see zitadel/transcript). */
  headers: Record<string, string>;
  body: string;
}

export interface CapturedExchange {
  request: CapturedRequest;
  response?: GuardedResponse;
}

export type ResponseFetch = (url: string, init: FetchInit) => Promise<Response>;

/** An oauth4webapi customFetch that also remembers the last request and its buffered response. */
export function createCapturingFetch(defaults: { signal?: AbortSignal } = {}): {
  fetch: ResponseFetch;
  last: () => CapturedExchange | undefined;
} {
  let last: CapturedExchange | undefined;
  const capturingFetch: ResponseFetch = async (url, init) => {
    const method = httpMethod(init.method);
    const body = formBody(init.body);
    last = { request: { method, url, headers: { ...init.headers }, body: body?.toString() ?? "" } };
    const result = await guardedFetch(url, { method, headers: init.headers, body, signal: init.signal ?? defaults.signal });
    last.response = result;
    return toResponse(result);
  };
  return { fetch: capturingFetch, last: () => last };
}

export function toResponse(result: GuardedResponse): Response {
  const hasNoBody = result.status === 204 || result.status === 205 || result.status === 304;
  return new Response(hasNoBody ? null : result.bodyText, { status: result.status, headers: [...result.headers] });
}

function httpMethod(method: string): "GET" | "POST" {
  if (method === "GET" || method === "POST") return method;
  throw new TypeError(`unsupported method ${method}`);
}

function formBody(body: unknown): string | URLSearchParams | undefined {
  if (body === undefined || body === null) return undefined;
  if (body instanceof URLSearchParams || typeof body === "string") return body;
  throw new TypeError("unsupported request body");
}
