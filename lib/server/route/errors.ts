import "server-only";
import { ZodError, type ZodType } from "zod";
import { ApiError, zodFieldErrors } from "@/lib/api-error";
import { getLogger } from "@/lib/server/logger";
import { StoreConflictError, StoreCursorError, StoreNotFoundError } from "@/lib/server/store/types";
import { isStoreUnavailable, StoreUnavailableError } from "@/lib/server/store/unavailable";

// Whatever a handler throws becomes one wire error: known failures by their code, everything else a bare 500.

export const NO_STORE = { "Cache-Control": "no-store" } as const;

export function errorResponse(error: unknown, requestId: string): Response {
  const apiError = toApiError(error).withRequestId(requestId);
  if (apiError.status >= 500) getLogger().error({ err: error, requestId }, "request failed");
  const headers: Record<string, string> = { ...NO_STORE };
  if (apiError.retryAfterSeconds !== undefined) headers["Retry-After"] = String(apiError.retryAfterSeconds);
  return Response.json(apiError.toBody(), { status: apiError.status, headers });
}

function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof StoreNotFoundError) return new ApiError("not_found", "No such credential.");
  if (error instanceof StoreConflictError) {
    const hint = error.reason === "version" ? "Reload to see the latest version, then apply your change again." : undefined;
    return new ApiError("conflict", error.message, { hint });
  }
  if (error instanceof StoreCursorError) {
    return new ApiError("bad_request", "This page link is no longer valid.", { hint: "Start again from the first page." });
  }
  if (error instanceof ZodError) return validationError(error, "Some fields are not valid.");
  if (error instanceof StoreUnavailableError) {
    return new ApiError("unavailable", "The console's database cannot save changes right now; nothing was saved.", {
      hint: "Tell whoever runs the console: the database is full or read-only (the server log says which).",
    });
  }
  if (isStoreUnavailable(error)) return storeUnreachable();
  return new ApiError("internal", "Something went wrong on the server.");
}

/** The 503 of a database that is busy or unreachable; pages that cannot load for it say the same. */
export function storeUnreachable(): ApiError {
  return new ApiError("unavailable", "The console's database is busy or unreachable.", { hint: "Try again in a few seconds." });
}

export function validationError(error: ZodError, message: string): ApiError {
  return new ApiError("validation_failed", message, { fields: zodFieldErrors(error) });
}

export function parseWith<T>(schema: ZodType<T>, value: unknown, message: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error, message);
  return result.data;
}
