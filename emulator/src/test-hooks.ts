import type { IncomingMessage } from "node:http";
import { z } from "zod";
import type { EmulatorContext } from "./context";
import { gatewayJson, readBody, type Reply } from "./http";

// /__emulator/* is not ZITADEL: a prefix no real path uses, answered whatever the Host header says.

export const TEST_HOOK_PREFIX = "/__emulator/";

const HOOKS = ["GET /__emulator/stats", "POST /__emulator/stats/reset", 'POST /__emulator/users/:username/state {"active":bool}'];
const USER_STATE = /^\/__emulator\/users\/([^/]+)\/state$/;
const userStateSchema = z.strictObject({ active: z.boolean() });

export async function handleTestHook(ctx: EmulatorContext, req: IncomingMessage, pathname: string): Promise<Reply> {
  if (pathname === "/__emulator/stats" && req.method === "GET") return gatewayJson(200, ctx.stats.snapshot());
  if (pathname === "/__emulator/stats/reset" && req.method === "POST") {
    ctx.stats.reset();
    return gatewayJson(200, ctx.stats.snapshot());
  }
  const userState = USER_STATE.exec(pathname);
  if (userState?.[1] && req.method === "POST") return setUserState(ctx, req, decodeURIComponent(userState[1]));
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
