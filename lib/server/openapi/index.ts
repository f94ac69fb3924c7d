import "server-only";
import { z, type ZodType } from "zod";
import { apiErrorStatus } from "@/lib/api-error";
import type { ResponseSpec, RouteSpec } from "@/lib/server/route";
import { apiErrorBodySchema } from "./error-schema";

// The API reference, generated from what each route declares to the route wrapper (params, query, body, response):
// an OpenAPI 3.1 document whose schemas are zod's own JSON Schema (draft 2020-12, which OpenAPI 3.1 speaks).

const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** One route file: its URL path in Next's form (`/api/credentials/[id]`), its module and its header comment by method. */
export interface ApiRouteModule {
  path: string;
  module: Record<string, unknown>;
  summaries: Record<string, string>;
}

type JsonSchema = Record<string, unknown>;
interface ResponseObject {
  description: string;
  content?: Record<string, { schema: JsonSchema }>;
}
const ERROR_REF = { $ref: "#/components/schemas/ApiError" };

export function specOf(handler: unknown): RouteSpec | undefined {
  return (handler as { spec?: RouteSpec } | undefined)?.spec;
}

export function buildOpenApiDocument(routes: ApiRouteModule[]) {
  const paths: Record<string, Record<string, Operation>> = {};
  for (const route of routes) {
    for (const method of HTTP_METHODS) {
      const spec = specOf(route.module[method]);
      if (!spec) continue;
      const path = toOpenApiPath(route.path);
      paths[path] = { ...paths[path], [method.toLowerCase()]: operation(method, path, spec, route.summaries[method]) };
    }
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "M2M Console API",
      version: "1",
      description: "The JSON API the console's own pages use. Authentication, Origin, rate limits and examples: docs/api.md.",
    },
    jsonSchemaDialect: "https://spec.openapis.org/oas/3.1/dialect/base",
    security: [{ session: [] }],
    paths,
    components: {
      schemas: { ApiError: toJsonSchema(apiErrorBodySchema, "output") },
      securitySchemes: {
        session: {
          type: "apiKey",
          in: "cookie",
          name: "__Secure-next-auth.session-token",
          description: "The session ZITADEL sign-in sets (next-auth.session-token on plain http). Writes also need Origin.",
        },
      },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;
type Operation = ReturnType<typeof operation>;

function operation(method: string, path: string, spec: RouteSpec, summary: string | undefined) {
  const isPublic = spec.role === "public";
  return {
    operationId: `${method.toLowerCase()}${path.replace(/[^A-Za-z0-9]+(.)?/g, (_, next: string = "") => next.toUpperCase())}`,
    ...(summary ? { summary } : {}),
    description: describeAccess(spec.role),
    "x-role": spec.role,
    ...(isPublic ? { security: [] } : {}),
    parameters: [...parameters(spec.params, "path"), ...parameters(spec.query, "query")],
    ...(spec.body ? { requestBody: requestBody(spec.body, !spec.isBodyOptional) } : {}),
    responses: { ...declaredResponses(spec), ...errorResponses(spec, isPublic) } as Record<string, ResponseObject>,
  };
}

function describeAccess(role: string): string {
  if (role === "public") return "No session needed.";
  if (role === "signed-in") return "Needs a session, with any role or none.";
  return `Needs the ${role} role.`;
}

function parameters(schema: ZodType | undefined, where: "path" | "query") {
  if (!schema) return [];
  const json = toJsonSchema(schema, "input");
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === "path" || required.has(name),
      ...(typeof description === "string" ? { description } : {}),
      schema: rest,
    };
  });
}

function requestBody(schema: ZodType, required: boolean) {
  return { required, content: { "application/json": { schema: toJsonSchema(schema, "input") } } };
}

function declaredResponses(spec: RouteSpec) {
  return Object.fromEntries(
    Object.entries(spec.response).map(([status, declared]) => [
      status,
      { description: describeStatus(Number(status)), ...content(declared) },
    ]),
  );
}

function content(declared: ResponseSpec | undefined) {
  if (!declared) return {};
  if ("safeParse" in declared) return { content: { "application/json": { schema: toJsonSchema(declared, "output") } } };
  return {
    content: Object.fromEntries(
      Object.entries(declared.content).map(([type, schema]) => [type, { schema: toJsonSchema(schema, "output") }]),
    ),
  };
}

// What the wrapper itself may answer before or around the handler; anything else is the `default` error.
function errorResponses(spec: RouteSpec, isPublic: boolean) {
  const statuses: number[] = isPublic ? [] : [apiErrorStatus.unauthorized, apiErrorStatus.forbidden];
  if (spec.params || spec.query || spec.body) statuses.push(apiErrorStatus.validation_failed);
  if (spec.body) statuses.push(apiErrorStatus.bad_request, apiErrorStatus.payload_too_large, apiErrorStatus.unsupported_media_type);
  const errors = Object.fromEntries(statuses.sort().map((status) => [String(status), errorResponse(describeStatus(status))]));
  return { ...errors, default: errorResponse("Any other error: the code says which (docs/api.md lists them).") };
}

function errorResponse(description: string) {
  return { description, content: { "application/json": { schema: ERROR_REF } } };
}

const STATUS_TEXT: Record<number, string> = {
  200: "OK",
  201: "Created",
  202: "Accepted: it goes on in the background",
  204: "Done; no body",
  400: "Bad request (e.g. the body is not JSON)",
  401: "No session: sign in",
  403: "Wrong role, or a write without the app's Origin",
  413: "The body is too large",
  415: "The body is not application/json",
  422: "A field, path or query parameter is not valid; error.fields says which",
};

function describeStatus(status: number): string {
  return STATUS_TEXT[status] ?? `HTTP ${status}`;
}

export function toOpenApiPath(nextPath: string): string {
  return nextPath.replace(/\[([^\]]+)\]/g, "{$1}");
}

function toJsonSchema(schema: ZodType, io: "input" | "output"): JsonSchema {
  // Refinements and transforms have no JSON Schema; the parts that do (types, limits, enums, formats) are what a
  // caller needs. `$schema` is the document's dialect already.
  const json = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as JsonSchema;
  delete json.$schema;
  return json;
}
