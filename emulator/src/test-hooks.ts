import type { IncomingMessage } from "node:http";
import { z } from "zod";
import type { EmulatorContext } from "./context";
import { gatewayJson, readBody, type Reply } from "./http";
import { isSessionAlive } from "./management";

// /__emulator/* is not ZITADEL: a prefix no real path uses, answered whatever the Host header says.

export const TEST_HOOK_PREFIX = "/__emulator/";

const HOOKS = [
  "GET /__emulator/stats",
  "POST /__emulator/stats/reset",
  "GET /__emulator/users/:username",
  'POST /__emulator/users/:username/state {"active":bool}',
  "GET /__emulator/operators/:username/access-tokens",
  "GET /__emulator/gates",
  "POST /__emulator/gates/:clientIdPrefix (hold its token requests)",
  "DELETE /__emulator/gates/:clientIdPrefix (let them through)",
];
const GATE = /^\/__emulator\/gates\/([^/]+)$/;
const USER = /^\/__emulator\/users\/([^/]+)$/;
const USER_STATE = /^\/__emulator\/users\/([^/]+)\/state$/;
const OPERATOR_TOKENS = /^\/__emulator\/operators\/([^/]+)\/access-tokens$/;
const userStateSchema = z.strictObject({ active: z.boolean() });

export async function handleTestHook(ctx: EmulatorContext, req: IncomingMessage, pathname: string): Promise<Reply> {
  if (pathname === "/__emulator/stats" && req.method === "GET") return gatewayJson(200, ctx.stats.snapshot());
  if (pathname === "/__emulator/stats/reset" && req.method === "POST") {
    ctx.stats.reset();
    return gatewayJson(200, ctx.stats.snapshot());
  }
  if (pathname === "/__emulator/gates" && req.method === "GET") return gatewayJson(200, ctx.gates.snapshot());
  const gate = GATE.exec(pathname);
  if (gate?.[1] && req.method === "POST") {
    ctx.gates.close(decodeURIComponent(gate[1]));
    return gatewayJson(200, ctx.gates.snapshot());
  }
  if (gate?.[1] && req.method === "DELETE") return gatewayJson(200, { released: ctx.gates.open(decodeURIComponent(gate[1])) });
  const userState = USER_STATE.exec(pathname);
  if (userState?.[1] && req.method === "POST") return setUserState(ctx, req, decodeURIComponent(userState[1]));
  const user = USER.exec(pathname);
  if (user?.[1] && req.method === "GET") return describeUser(ctx, decodeURIComponent(user[1]));
  const operatorTokens = OPERATOR_TOKENS.exec(pathname);
  if (operatorTokens?.[1] && req.method === "GET") return listOperatorTokens(ctx, decodeURIComponent(operatorTokens[1]));
  return gatewayJson(404, { error: "unknown emulator hook", hooks: HOOKS });
}

/**
 * Deactivates or reactivates a service user, as ZITADEL's console does (Actions → Deactivate / Reactivate): from the
 * next request on, its token requests fail with Errors.User.NotActive and its tokens stop working, until reactivated.
 */
async function setUserState(ctx: EmulatorContext, req: IncomingMessage, username: string): Promise<Reply> {
  const found = ctx.directory.userByLoginName(username);
  if (found?.kind !== "machine") return gatewayJson(404, { error: `no service user named ${JSON.stringify(username)}` });
  let parsed: z.infer<typeof userStateSchema>;
  try {
    parsed = userStateSchema.parse(JSON.parse((await readBody(req)).toString("utf8")));
  } catch {
    return gatewayJson(400, { error: 'the body must be {"active":true} or {"active":false}' });
  }
  const user = found.user;
  user.state = parsed.active ? "active" : "inactive";
  user.changedAt = new Date().toISOString();
  return gatewayJson(200, { username: user.username, state: user.state });
}

/**
 * A service user as the emulator holds it, current plaintext secret included: tests use it to follow a user made
 * over the Management API and to prove its secret was shown nowhere else.
 */
function describeUser(ctx: EmulatorContext, username: string): Reply {
  const found = ctx.directory.userByLoginName(username);
  if (found?.kind !== "machine") return gatewayJson(404, { error: `no service user named ${JSON.stringify(username)}` });
  const { id, orgId, state, memberships, secret } = found.user;
  return gatewayJson(200, { id, username: found.user.username, orgId, state, memberships, hasSecret: secret !== null, secret });
}

/** The operator's access tokens oidc-provider still accepts (unexpired, not revoked, session alive), for leak tests. */
async function listOperatorTokens(ctx: EmulatorContext, username: string): Promise<Reply> {
  const found = ctx.directory.userByLoginName(username);
  if (found?.kind !== "human") return gatewayJson(404, { error: `no operator named ${JSON.stringify(username)}` });
  const issued = [...(ctx.operatorTokens.get(found.user.id) ?? [])];
  const live = await Promise.all(
    issued.map(async (token) => {
      const found = await ctx.provider.AccessToken.find(token);
      return found && (await isSessionAlive(ctx, found)) ? token : undefined;
    }),
  );
  return gatewayJson(200, { tokens: live.filter((token) => token !== undefined) });
}
