// The console's API as the benchmark calls it: ada's session cookie and the Origin header every write needs.
import { expectOk } from "./measure";
import type { Stack } from "./stack";

export function consoleApi(stack: Stack) {
  const headers = { cookie: stack.cookie, origin: stack.appOrigin, "content-type": "application/json" };
  const call = (method: string, path: string, body?: unknown) =>
    fetch(`${stack.appOrigin}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
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
