import { ApiError, readApiErrorBody } from "@/lib/api-error";

// The browser's only way to the API: JSON in, typed data or a typed ApiError out. The answers are typed by the shared
// schemas' types, not parsed by them: the route handlers build them from the same types, and leaving zod out keeps it
// off every page's first load (forms still load it, to check what an operator typed).

interface ApiFetchOptions {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  body?: unknown;
  signal?: AbortSignal;
}

export async function apiFetch<T = unknown>(url: string, options: ApiFetchOptions = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method ?? "GET",
      headers:
        options.body === undefined ? { Accept: "application/json" } : { Accept: "application/json", "Content-Type": "application/json" },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: "same-origin",
      cache: "no-store",
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError("network", "M2M Console could not be reached. Check your connection and try again.");
  }
  if (response.status === 204) return undefined as T;
  const data: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const body = readApiErrorBody(data);
    if (body) throw ApiError.fromResponse(response.status, body);
    throw ApiError.fromResponse(response.status, { code: "internal", message: `The server answered ${response.status}.` });
  }
  return data as T;
}
