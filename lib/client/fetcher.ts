import type { ZodType } from "@/lib/zod";
import { ApiError, apiErrorBodySchema } from "@/lib/api-error";

// The browser's only way to the API: JSON in, typed data or a typed ApiError out.

interface ApiFetchOptions<T> {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  body?: unknown;
  schema?: ZodType<T>;
  signal?: AbortSignal;
}

export async function apiFetch<T = unknown>(url: string, options: ApiFetchOptions<T> = {}): Promise<T> {
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
    const parsed = apiErrorBodySchema.safeParse(data);
    if (parsed.success) throw ApiError.fromResponse(response.status, parsed.data.error);
    throw ApiError.fromResponse(response.status, { code: "internal", message: `The server answered ${response.status}.` });
  }
  return options.schema ? options.schema.parse(data) : (data as T);
}

/** SWR fetcher: `useSWR(url, fetcher)`. */
export function fetcher<T = unknown>(url: string): Promise<T> {
  return apiFetch<T>(url);
}
