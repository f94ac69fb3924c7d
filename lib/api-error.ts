import type { ZodError } from "zod";
import { z } from "@/lib/zod";

// One error vocabulary for server and browser: the wire shape is { error: { code, message, hint?, fields?, requestId? } }.

export const apiErrorCodes = [
  "unauthorized",
  "forbidden",
  "bad_origin",
  "not_found",
  "conflict",
  "validation_failed",
  "bad_request",
  "unsupported_media_type",
  "payload_too_large",
  "rate_limited",
  "issuer_refused",
  "upstream_failed",
  "unavailable",
  "internal",
  "network",
] as const;

export type ApiErrorCode = (typeof apiErrorCodes)[number];

export const apiErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    hint: z.string().optional(),
    fields: z.record(z.string(), z.array(z.string())).optional(),
    requestId: z.string().optional(),
  }),
});

export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;

// Branded so `instanceof` also holds for an ApiError thrown by another route bundle's copy of this module.
const BRAND = Symbol.for("m2m-console.api-error");

export class ApiError extends Error {
  readonly [BRAND] = true;
  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as { [BRAND]?: boolean })[BRAND] === true;
  }
  readonly status: number;
  readonly code: ApiErrorCode | (string & {});
  readonly hint?: string;
  readonly fields?: Record<string, string[]>;
  readonly requestId?: string;

  constructor(
    status: number,
    code: ApiErrorCode | (string & {}),
    message: string,
    extra: { hint?: string; fields?: Record<string, string[]>; requestId?: string } = {},
  ) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.hint = extra.hint;
    this.fields = extra.fields;
    this.requestId = extra.requestId;
  }

  toBody(): ApiErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.hint ? { hint: this.hint } : {}),
        ...(this.fields ? { fields: this.fields } : {}),
        ...(this.requestId ? { requestId: this.requestId } : {}),
      },
    };
  }
}

/** A zod failure as the wire's `fields`: messages keyed by dotted path ("_" for the whole value). */
export function zodFieldErrors(error: ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) (fields[issue.path.join(".") || "_"] ??= []).push(issue.message);
  return fields;
}
