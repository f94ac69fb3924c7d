import "server-only";
import type { ZodType } from "zod";
import { ApiError } from "@/lib/api-error";
import { parseWith } from "./errors";

// Route handlers have no body limit of their own: JSON only, capped while it is read, whatever Content-Length says.

export const DEFAULT_MAX_BODY_BYTES = 16 * 1024;

export interface BodyOptions {
  maxBodyBytes?: number;
  /** A request without a body (no length, or an empty one) is parsed as `{}`: for bodies whose fields are all optional. */
  isBodyOptional?: boolean;
}

export async function readBody<B>(request: Request, schema: ZodType<B>, options: BodyOptions): Promise<B> {
  const maxBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!options.isBodyOptional || request.headers.has("content-type")) assertJson(request);
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const text = await readCapped(request, maxBytes);
  // Many scripts send Content-Type: application/json on every call, with no body where none is needed.
  if (options.isBodyOptional && text.trim() === "") return parseWith(schema, {}, "Some fields are not valid.");
  assertJson(request);
  return parseWith(schema, parseJson(text), "Some fields are not valid.");
}

function assertJson(request: Request): void {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(contentType)) {
    throw new ApiError("unsupported_media_type", "Send the body as application/json.");
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError("bad_request", "The body is not valid JSON.");
  }
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
  return new ApiError("payload_too_large", `The body is larger than ${Math.round(maxBytes / 1024)} KiB.`);
}
