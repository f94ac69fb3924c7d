import type { ZodError } from "@/lib/zod";
import { brandedError } from "./branded-error";

// One error vocabulary for server and browser: the wire shape is
// { error: { code, message, hint?, fields?, requestId?, retryAfterSeconds? } }, and the HTTP status follows from the code.
// No schema library here: every page's first load carries this module, so the browser checks the shape by hand.

export const apiErrorStatus = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  bad_origin: 403,
  not_found: 404,
  no_token: 404,
  method_not_allowed: 405,
  // A body that did not arrive in time.
  request_timeout: 408,
  conflict: 409,
  // Was here once and is no more: a one-time secret already taken or expired.
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation_failed: 422,
  rate_limited: 429,
  internal: 500,
  upstream_failed: 502,
  unavailable: 503,
  // The browser never reached the server: no HTTP status at all.
  network: 0,
} as const satisfies Record<string, number>;

export type ApiErrorCode = keyof typeof apiErrorStatus;

/**
 * With a `conflict` over an existing credential (a client ID already registered at that issuer): which one, so the
 * browser can offer to replace its secret. Sent only on admin-only routes, to operators who may see and change it.
 */
export interface ConflictTarget {
  credentialId: string;
  version: number;
  label: string;
}

export interface ApiErrorBody {
  error: { code: string; message: string } & ApiErrorExtra;
}

interface ApiErrorExtra {
  hint?: string;
  fields?: Record<string, string[]>;
  requestId?: string;
  /** With `rate_limited`: when to try again; the route wrapper also sends it as Retry-After. */
  retryAfterSeconds?: number;
  /** With `conflict`: the existing credential the request collided with. */
  conflict?: ConflictTarget;
}

// Branded so `instanceof` also holds for an ApiError thrown by another route bundle's copy of this module.
export class ApiError extends brandedError("ApiError") {
  readonly status: number;
  readonly code: ApiErrorCode | (string & {});
  readonly hint?: string;
  readonly fields?: Record<string, string[]>;
  readonly requestId?: string;
  readonly retryAfterSeconds?: number;
  readonly conflict?: ConflictTarget;

  constructor(code: ApiErrorCode, message: string, extra: ApiErrorExtra = {}) {
    super(message);
    this.status = apiErrorStatus[code];
    this.code = code;
    Object.assign(this, pickExtra(extra));
  }

  /** The browser's view of an error answer: the server's code (possibly one this build does not know) and status. */
  static fromResponse(status: number, body: ApiErrorBody["error"]): ApiError {
    const { code, message, ...extra } = body;
    const error = new ApiError("internal", message, extra);
    return Object.assign(error, { status, code });
  }

  /** The same error, stamped with the request it answered. */
  withRequestId(requestId: string): ApiError {
    const copy = new ApiError("internal", this.message, { ...pickExtra(this), requestId });
    return Object.assign(copy, { status: this.status, code: this.code });
  }

  toBody(): ApiErrorBody {
    return { error: { code: this.code, message: this.message, ...pickExtra(this) } };
  }
}

function pickExtra(source: ApiErrorExtra): ApiErrorExtra {
  const extra: ApiErrorExtra = {};
  if (source.hint) extra.hint = source.hint;
  if (source.fields) extra.fields = source.fields;
  if (source.requestId) extra.requestId = source.requestId;
  if (source.retryAfterSeconds !== undefined) extra.retryAfterSeconds = source.retryAfterSeconds;
  if (source.conflict) extra.conflict = source.conflict;
  return extra;
}

/** A zod failure as the wire's `fields`: messages keyed by dotted path ("_" for the whole value). */
export function zodFieldErrors(error: ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) (fields[issue.path.join(".") || "_"] ??= []).push(issue.message);
  return fields;
}

/** The error in an answer's body when it has the wire shape (extras of the wrong type are dropped), else null. */
export function readApiErrorBody(data: unknown): ApiErrorBody["error"] | null {
  const error = isRecord(data) ? data.error : null;
  if (!isRecord(error) || typeof error.code !== "string" || typeof error.message !== "string") return null;
  const { code, message, hint, fields, requestId, retryAfterSeconds, conflict } = error;
  return {
    code,
    message,
    ...pickExtra({
      hint: typeof hint === "string" ? hint : undefined,
      fields: isFieldMessages(fields) ? fields : undefined,
      requestId: typeof requestId === "string" ? requestId : undefined,
      retryAfterSeconds:
        Number.isInteger(retryAfterSeconds) && (retryAfterSeconds as number) >= 0 ? (retryAfterSeconds as number) : undefined,
      conflict: isConflictTarget(conflict) ? conflict : undefined,
    }),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isFieldMessages(value: unknown): value is Record<string, string[]> {
  return (
    isRecord(value) && Object.values(value).every((messages) => Array.isArray(messages) && messages.every((m) => typeof m === "string"))
  );
}

function isConflictTarget(value: unknown): value is ConflictTarget {
  return isRecord(value) && typeof value.credentialId === "string" && Number.isInteger(value.version) && typeof value.label === "string";
}
