import { readFileSync } from "node:fs";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/lib/server/openapi";
import { MANIFEST_PATH, renderRouteManifest } from "@/scripts/api-routes/manifest";
import { apiRoutes } from "./routes";

// The reference a script author reads must be a valid OpenAPI 3.1 document, generated from the routes as they are.

const document = buildOpenApiDocument(apiRoutes);

describe("GET /api/openapi.json", () => {
  it("validates as OpenAPI 3.1", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("lists the routes as the route files are today", async () => {
    expect(readFileSync(MANIFEST_PATH, "utf8"), "run `npm run api-routes`").toBe(await renderRouteManifest());
  });

  it("points every $ref at a schema the document has", () => {
    const refs = JSON.stringify(document).match(/"\$ref":"[^"]*"/g) ?? [];
    for (const ref of new Set(refs)) expect(ref).toBe('"$ref":"#/components/schemas/ApiError"');
  });

  it("describes a route's path parameters, query, body, answers and errors", () => {
    const patch = document.paths["/api/credentials/{id}"]!.patch!;
    expect(patch["x-role"]).toBe("admin");
    expect(patch.parameters).toEqual([expect.objectContaining({ name: "id", in: "path", required: true })]);
    expect(patch.requestBody?.content["application/json"].schema.properties).toHaveProperty("version");
    expect(patch.responses["200"]).toHaveProperty(["content", "application/json", "schema", "properties", "clientId"]);
    expect(Object.keys(patch.responses)).toEqual(expect.arrayContaining(["401", "403", "422", "413", "415", "default"]));
    const list = document.paths["/api/credentials"]!.get!;
    expect(list.parameters.map((parameter) => parameter.name)).toEqual(expect.arrayContaining(["search", "cursor"]));
    expect(document.paths["/api/health"]?.get).toMatchObject({ security: [] });
  });
});
