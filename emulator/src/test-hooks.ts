import type { IncomingMessage } from "node:http";
import type { EmulatorContext } from "./context";
import { gatewayJson, type Reply } from "./http";

// /__emulator/* is not ZITADEL: a prefix no real path uses, answered whatever the Host header says.

export const TEST_HOOK_PREFIX = "/__emulator/";

export function handleTestHook(ctx: EmulatorContext, req: IncomingMessage, pathname: string): Reply {
  if (pathname === "/__emulator/stats" && req.method === "GET") return gatewayJson(200, ctx.stats.snapshot());
  if (pathname === "/__emulator/stats/reset" && req.method === "POST") {
    ctx.stats.reset();
    return gatewayJson(200, ctx.stats.snapshot());
  }
  return gatewayJson(404, { error: "unknown emulator hook", hooks: ["GET /__emulator/stats", "POST /__emulator/stats/reset"] });
}
