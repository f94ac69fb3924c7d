import "server-only";
import { z } from "zod";
import { StoreCursorError } from "./types";

// Opaque keyset cursors: base64url JSON that pins the sort, so a cursor cannot be replayed under another order.

const credentialCursorSchema = z.object({ s: z.string(), o: z.enum(["asc", "desc"]), k: z.string(), i: z.string() });
const auditCursorSchema = z.object({ a: z.number().int().positive() });

export type CredentialCursor = z.infer<typeof credentialCursorSchema>;

function encode(value: unknown): string {
  return Buffer.from(JSON.stringify(value), "utf8").toString("base64url");
}

function decode<T>(cursor: string, schema: z.ZodType<T>): T {
  try {
    return schema.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
  } catch {
    throw new StoreCursorError();
  }
}

export function encodeCredentialCursor(cursor: CredentialCursor): string {
  return encode(cursor);
}

export function decodeCredentialCursor(cursor: string, sort: string, order: "asc" | "desc"): CredentialCursor {
  const decoded = decode(cursor, credentialCursorSchema);
  if (decoded.s !== sort || decoded.o !== order) throw new StoreCursorError("the page cursor belongs to another sort order");
  return decoded;
}

export function encodeAuditCursor(id: number): string {
  return encode({ a: id });
}

export function decodeAuditCursor(cursor: string): number {
  return decode(cursor, auditCursorSchema).a;
}

/** Clamp a page size to 1…200, default 50. */
export function pageLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return 50;
  return Math.min(200, Math.max(1, Math.trunc(limit)));
}
