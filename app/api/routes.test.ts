import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { roles } from "@/lib/schemas/roles";
import { buildOpenApiDocument, specOf, toOpenApiPath } from "@/lib/server/openapi";
import { OUTSIDE_REFERENCE } from "@/scripts/api-routes/manifest";
import { apiRoutes } from "./openapi.json/routes";

// Every API route declares who may call it and what it answers. A route added without a role fails here, before it can
// ship open; one without a response schema, or missing from the API reference, fails too.

const API_DIR = join(import.meta.dirname);
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

// The only handlers that are not behind a role, and why.
const PUBLIC_ROUTES: Record<string, string> = {
  "health/route.ts": "liveness and readiness for load balancers: answers whether the store is ready and nothing else",
  "auth/[...nextauth]/route.ts": "next-auth's own sign-in, callback and sign-out endpoints",
  "metrics/route.ts": "for a Prometheus scraper, not a person: off unless METRICS_TOKEN is set, then that bearer token only",
};

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(path);
    return entry.name === "route.ts" ? [relative(API_DIR, path)] : [];
  });
}

const files = routeFiles(API_DIR);

describe("API routes", () => {
  it("finds the route files", () => {
    expect(files.length).toBeGreaterThan(10);
    for (const file of Object.keys(PUBLIC_ROUTES)) expect(files).toContain(file);
  });

  it.each(files.filter((file) => !(file in PUBLIC_ROUTES)))("%s declares a role for every method", async (file) => {
    const routeModule = (await import(join(API_DIR, file))) as Record<string, unknown>;
    const handlers = METHODS.filter((method) => method in routeModule);
    expect(handlers.length, "exports at least one method").toBeGreaterThan(0);
    for (const method of handlers) {
      const access = (routeModule[method] as { access?: unknown }).access;
      expect([...roles, "signed-in"], `${method} ${file}`).toContain(access);
    }
  });
});

describe("the API reference", () => {
  const document = buildOpenApiDocument(apiRoutes);
  const referenced = files.filter((file) => !(file in OUTSIDE_REFERENCE));

  it.each(referenced)("%s declares a response for every method and is in /api/openapi.json", async (file) => {
    const routeModule = (await import(join(API_DIR, file))) as Record<string, unknown>;
    const path = toOpenApiPath(`/api/${file.replace(/\/?route\.ts$/, "")}`);
    for (const method of METHODS.filter((name) => name in routeModule)) {
      const spec = specOf(routeModule[method]);
      expect(Object.keys(spec?.response ?? {}), `${method} ${file} declares its answers`).not.toHaveLength(0);
      expect(document.paths[path], `${method} ${path} in the reference`).toHaveProperty(method.toLowerCase());
    }
  });
});
