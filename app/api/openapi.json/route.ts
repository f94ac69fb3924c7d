// GET /api/openapi.json — this API's reference: OpenAPI 3.1, generated from every route's declared schemas
import { z } from "zod";
import { buildOpenApiDocument, type OpenApiDocument } from "@/lib/server/openapi";
import { withOperator } from "@/lib/server/route";
import { apiRoutes } from "./routes";

const documentSchema = z.looseObject({ openapi: z.literal("3.1.0"), info: z.looseObject({}), paths: z.record(z.string(), z.unknown()) });

// Built on first use: the routes never change while the server runs.
let document: OpenApiDocument | undefined;

export const GET = withOperator({ role: "viewer", response: { 200: documentSchema } }, async () => {
  document ??= buildOpenApiDocument(apiRoutes);
  return document;
});
