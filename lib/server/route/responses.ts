import "server-only";
import type { ZodType } from "zod";
import { getEnv } from "@/lib/env";
import { getLogger } from "@/lib/server/logger";

// What a route answers, declared beside what it reads: the API reference (GET /api/openapi.json) is generated from
// it, and outside production every JSON answer is checked against it, so a declaration cannot drift from the code.

/** A JSON answer's schema; `null` for an answer without a body (204); other media types by name, e.g. text/csv. */
export type ResponseSpec = ZodType | null | { content: Record<string, ZodType> };

/** By HTTP status. Errors need no entry: every route may answer the one error shape (lib/api-error.ts). */
export type ResponseSchemas = Partial<Record<number, ResponseSpec>>;

/** A route's declared contract, as it rides on its handler for the reference and the tests. */
export interface RouteSpec {
  role: string;
  params?: ZodType;
  query?: ZodType;
  body?: ZodType;
  isBodyOptional?: boolean;
  response: ResponseSchemas;
}

function jsonSchemaOf(spec: ResponseSpec | undefined): ZodType | null {
  if (!spec || !("safeParse" in spec)) return null;
  return spec;
}

/** Outside production: a JSON answer that its declaration does not describe fails tests and is logged in development. */
export async function checkAnswer(response: Response, declared: ResponseSchemas): Promise<void> {
  const mode = getEnv().NODE_ENV;
  if (mode === "production" || response.status >= 400) return;
  const problem = await mismatch(response, declared);
  if (!problem) return;
  if (mode === "test") throw new Error(problem);
  getLogger().error({ status: response.status }, problem);
}

async function mismatch(response: Response, declared: ResponseSchemas): Promise<string | null> {
  if (!(response.status in declared)) return `The route answered ${response.status}, which its response option does not declare.`;
  const schema = jsonSchemaOf(declared[response.status]);
  if (!schema || !response.headers.get("content-type")?.includes("application/json")) return null;
  const result = schema.safeParse(await response.clone().json());
  if (result.success) return null;
  const paths = result.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`);
  return `The ${response.status} answer does not match its declared schema: ${paths.join("; ")}`;
}
