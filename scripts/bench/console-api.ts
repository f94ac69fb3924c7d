// The console's API as the benchmark calls it: ada's session cookie and the Origin header every write needs.
import { expectOk } from "./measure";
import type { Stack } from "./stack";

export function consoleApi(stack: Stack) {
  const headers = { cookie: stack.cookie, origin: stack.appOrigin, "content-type": "application/json" };
  const send = (method: string, path: string, body?: unknown) =>
    fetch(`${stack.appOrigin}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  // After a long pause (filling the database with 100,000 rows) the pooled connection may be one the server is just
  // closing (its keep-alive is 5 s): a read is sent again once on a fresh one. Writes are never repeated.
  const call = async (method: string, path: string, body?: unknown) => {
    try {
      return await send(method, path, body);
    } catch (error) {
      if (method !== "GET" || !(error instanceof TypeError)) throw error;
      return send(method, path, body);
    }
  };
  return {
    call,
    async json<T>(method: string, path: string, body?: unknown): Promise<T> {
      return (await (await expectOk(await call(method, path, body), `${method} ${path}`)).json()) as T;
    },
    async createCredential(input: { label: string; clientId: string; clientSecret: string }): Promise<string> {
      const created = await this.json<{ id: string }>("POST", "/api/credentials", { ...input, issuer: stack.issuer });
      return created.id;
    },
  };
}
export type ConsoleApi = ReturnType<typeof consoleApi>;
