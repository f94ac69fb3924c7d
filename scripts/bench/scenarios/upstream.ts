// Scenarios 1 and 2: what the console adds to a token test and to an org lookup, against the same calls made
// directly from this process (keep-alive fetch, like the console's own outbound client).
import { DEFAULT_SCOPES } from "../../../lib/schemas/credential";
import type { ConsoleApi } from "../console-api";
import { expectOk, time, type Summary } from "../measure";
import type { Stack } from "../stack";

export interface Pair {
  console: Summary;
  direct: Summary;
  /** console median / direct median */
  ratio: number;
  /** console median − direct median: the console's own work plus the framework's floor */
  addedMs: number;
}

const pair = (viaConsole: Summary, direct: Summary): Pair => ({
  console: viaConsole,
  direct,
  ratio: Math.round((viaConsole.medianMs / direct.medianMs) * 100) / 100,
  addedMs: Math.round((viaConsole.medianMs - direct.medianMs) * 100) / 100,
});

const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString("base64")}`;

function directToken(stack: Stack, clientId: string, secret: string): Promise<Response> {
  return fetch(`${stack.issuer}/oauth/v2/token`, {
    method: "POST",
    headers: { authorization: basic(clientId, secret), "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", scope: DEFAULT_SCOPES }),
  });
}

export async function tokenTest(
  stack: Stack,
  api: ConsoleApi,
  user: { id: string; clientId: string; secret: string },
  runs: number,
): Promise<Pair> {
  const viaConsole = await time(runs, async () => {
    const result = await api.json<{ outcome: string }>("POST", `/api/credentials/${user.id}/token`);
    if (result.outcome !== "ok") throw new Error(`token test failed: ${JSON.stringify(result).slice(0, 300)}`);
  });
  const direct = await time(runs, async () => {
    await (await expectOk(await directToken(stack, user.clientId, user.secret), "direct token")).json();
  });
  return pair(viaConsole, direct);
}

export async function orgLookup(
  stack: Stack,
  api: ConsoleApi,
  user: { id: string; clientId: string; secret: string },
  runs: number,
): Promise<Pair & { upstreamTokenRequestsPerLookup: number }> {
  await api.json("POST", `/api/credentials/${user.id}/org`); // caches a token
  await fetch(`${stack.issuer}/__emulator/stats/reset`, { method: "POST" });
  const viaConsole = await time(
    runs,
    async () => {
      const result = await api.json<{ outcome: string; tokenCached: boolean }>("POST", `/api/credentials/${user.id}/org`);
      if (result.outcome !== "ok" || !result.tokenCached)
        throw new Error(`org lookup not served with a cached token: ${JSON.stringify(result).slice(0, 300)}`);
    },
    5,
  );
  const stats = (await (await fetch(`${stack.issuer}/__emulator/stats`)).json()) as { token: { total: number }; orgsMe: { total: number } };
  const upstreamTokenRequestsPerLookup = stats.token.total / stats.orgsMe.total;
  const { access_token: token } = (await (await expectOk(await directToken(stack, user.clientId, user.secret), "direct token")).json()) as {
    access_token: string;
  };
  const direct = await time(runs, async () => {
    await (
      await expectOk(
        await fetch(`${stack.issuer}/management/v1/orgs/me`, { headers: { authorization: `Bearer ${token}` } }),
        "direct orgs/me",
      )
    ).json();
  });
  return { ...pair(viaConsole, direct), upstreamTokenRequestsPerLookup };
}
