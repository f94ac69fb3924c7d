import { request as httpRequest, type IncomingHttpHeaders } from "node:http";

// Requests as an attacker's script sends them, which Playwright's client will not: a Content-Length the body never
// matches, a body that never ends, a method fetch refuses. Answers what came back, or how the connection ended.

export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  /** Written one after another, each once the previous was flushed. */
  chunks?: Buffer[];
  /** False leaves the body open: the server must answer without its end. */
  end?: boolean;
}

export function sendRaw(origin: string, { method = "GET", path, headers = {}, chunks = [], end = true }: RawRequest): Promise<RawAnswer> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: hostname, port, method, path, headers, agent: false }, (response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk.toString()));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      response.on("error", reject);
    });
    request.on("error", reject);
    // Headers go out now, even when no body follows: Node's client would otherwise hold them until the first write.
    request.flushHeaders();
    void (async () => {
      for (const chunk of chunks) {
        if (request.destroyed) return;
        await new Promise<void>((done) => request.write(chunk, () => done()));
      }
      if (end && !request.destroyed) request.end();
    })();
  });
}

/** The answer, or the code of the error that ended the connection (a server may close it while the body still flows). */
export async function statusOrReset(origin: string, raw: RawRequest): Promise<number | string> {
  try {
    return (await sendRaw(origin, raw)).status;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? "error";
  }
}
