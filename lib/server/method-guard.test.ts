import { createServer, request as httpRequest, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { installMethodGuard, refuseUnknownMethod } from "./method-guard";

const servers: Server[] = [];
afterEach(() => Promise.all(servers.splice(0).map((server) => new Promise((done) => server.close(done)))));

async function serve(listener: RequestListener): Promise<number> {
  const server = createServer(listener);
  servers.push(server);
  await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
  return (server.address() as AddressInfo).port;
}

// Node's client sends any method, TRACE included (fetch would refuse to).
function send(port: number, method: string, path: string) {
  return new Promise<{ status: number; allow?: string; cacheControl?: string; body: string }>((resolve, reject) => {
    const request = httpRequest({ host: "127.0.0.1", port, method, path }, (response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk.toString()));
      response.on("end", () =>
        resolve({
          status: response.statusCode ?? 0,
          allow: response.headers.allow,
          cacheControl: response.headers["cache-control"],
          body,
        }),
      );
    });
    request.on("error", reject);
    request.end();
  });
}

const app: RequestListener = (request, response) => {
  if (refuseUnknownMethod(request, response)) return;
  response.end("reached the app");
};

describe("refuseUnknownMethod", () => {
  it("answers TRACE and other verbs the app does not speak with 405, the methods the app speaks and no-store", async () => {
    const port = await serve(app);
    for (const method of ["TRACE", "PROPFIND", "MKCOL", "PURGE"]) {
      const answer = await send(port, method, "/credentials");
      expect(answer, method).toMatchObject({
        status: 405,
        allow: "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS",
        cacheControl: "no-store",
      });
      expect(JSON.parse(answer.body)).toMatchObject({ error: { code: "method_not_allowed" } });
    }
  });

  it("lets every method the app speaks through, on pages and the API", async () => {
    const port = await serve(app);
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]) {
      expect(await send(port, method, "/api/credentials?q=a.b"), method).toMatchObject({ status: 200, body: "reached the app" });
    }
    expect((await send(port, "HEAD", "/login")).status).toBe(200);
  });

  it("allows only reading files: build output and public/", async () => {
    const port = await serve(app);
    for (const path of ["/_next/static/chunks/app.js", "/robots.txt", "/favicon.svg?v=2"]) {
      expect(await send(port, "GET", path), path).toMatchObject({ status: 200, body: "reached the app" });
      expect(await send(port, "POST", path), path).toMatchObject({ status: 405, allow: "GET, HEAD" });
    }
  });
});

describe("installMethodGuard", () => {
  it("refuses before any request listener of a server runs", async () => {
    installMethodGuard();
    const reached: string[] = [];
    const port = await serve((request, response) => {
      reached.push(request.method ?? "");
      response.end("reached the app");
    });
    expect((await send(port, "TRACE", "/")).status).toBe(405);
    expect((await send(port, "GET", "/")).status).toBe(200);
    expect(reached).toEqual(["GET"]);
  });
});
