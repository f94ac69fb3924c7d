import { Agent, createServer, request as httpRequest, type IncomingMessage, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import SECURITY_HEADERS from "@/lib/security-headers.json";
import { guardRequestBody } from "./request-guard";

const servers: Server[] = [];
afterEach(() =>
  Promise.all(
    servers.splice(0).map((server) => {
      server.closeAllConnections();
      return new Promise((done) => server.close(done));
    }),
  ),
);

const LIMITS = { maxBytes: 64 * 1024, timeoutMs: 300 };

// The app behind the guard reads the whole body and answers with its length, like a handler that reads first.
async function serve(listener?: RequestListener): Promise<number> {
  const server = createServer((request, response) => {
    if (guardRequestBody(request, response, LIMITS)) return;
    if (listener) return void listener(request, response);
    let length = 0;
    request.on("data", (chunk: Buffer) => (length += chunk.length));
    request.on("end", () => response.end(`read ${length}`));
  });
  servers.push(server);
  await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
  return (server.address() as AddressInfo).port;
}

interface Answer {
  status: number;
  headers: IncomingMessage["headers"];
  body: string;
}

// Sends `headers`, then writes `chunks` (each after the previous was flushed); `end` false leaves the body open.
function send(port: number, headers: Record<string, string>, chunks: Buffer[], end = true): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: "127.0.0.1", port, method: "POST", path: "/api/credentials", headers }, (response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk.toString()));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    request.on("error", reject);
    void (async () => {
      for (const chunk of chunks) {
        if (request.destroyed) return;
        await new Promise<void>((done) => request.write(chunk, () => done()));
      }
      if (end) request.end();
    })().catch(() => undefined);
  });
}

describe("guardRequestBody", () => {
  it("refuses a Content-Length over the cap with 413 before the app reads a byte", async () => {
    let reached = false;
    const port = await serve(() => (reached = true));
    const answer = await send(port, { "Content-Length": String(100 * 1024 * 1024) }, []);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: "payload_too_large" } });
    expect(reached).toBe(false);
  });

  it("cuts off a chunked body at the cap as it arrives, with 413", async () => {
    const port = await serve();
    const chunk = Buffer.alloc(16 * 1024, 97);
    const answer = await send(
      port,
      { "Transfer-Encoding": "chunked" },
      Array.from({ length: 64 }, () => chunk),
    );
    expect(answer.status).toBe(413);
  });

  it("answers a body that never ends with 408", async () => {
    const port = await serve();
    const answer = await send(port, { "Transfer-Encoding": "chunked" }, [Buffer.from("{")], false);
    expect(answer.status).toBe(408);
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: "request_timeout" } });
  });

  it("lets a body within the cap through whole", async () => {
    const port = await serve();
    const answer = await send(port, { "Transfer-Encoding": "chunked" }, [Buffer.alloc(40 * 1024, 97), Buffer.alloc(20 * 1024, 97)]);
    expect(answer).toMatchObject({ status: 200, body: `read ${60 * 1024}` });
  });

  // A browser sends its next request on the same connection at once: a sign-in callback cut off there is sent again
  // by the browser, and its one-time code is refused the second time.
  it("answers early and leaves the connection to the client's next request, once the short body has arrived", async () => {
    const port = await serve((request, response) => {
      if (request.method === "POST") return void response.writeHead(401).end("unauthorized");
      setTimeout(() => response.end("next answered"), 600);
    });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const call = (method: string, body?: string) =>
      new Promise<{ status: number; body: string; socket: unknown }>((resolve, reject) => {
        const request = httpRequest({ host: "127.0.0.1", port, method, path: "/", agent }, (response) => {
          let text = "";
          response.on("data", (chunk: Buffer) => (text += chunk.toString()));
          response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text, socket: request.socket }));
        });
        request.on("error", reject);
        request.end(body);
      });
    try {
      const refused = await call("POST", "{}");
      expect(refused.status).toBe(401);
      // The next request is still being answered a second after the refusal: the moment an early answer's socket
      // would be closed if its body were still coming.
      await new Promise((wait) => setTimeout(wait, 700));
      const next = await call("GET");
      expect(next).toMatchObject({ status: 200, body: "next answered" });
      expect(next.socket, "the same connection").toBe(refused.socket);
    } finally {
      agent.destroy();
    }
  });

  it("sends the app's security headers with its refusals", async () => {
    const port = await serve();
    const answer = await send(port, { "Content-Length": String(10 * 1024 * 1024) }, []);
    for (const { key, value } of SECURITY_HEADERS.everyAnswer) expect(answer.headers[key.toLowerCase()], key).toBe(value);
    expect(answer.headers["content-security-policy"]).toContain("base-uri 'none'");
  });
});
