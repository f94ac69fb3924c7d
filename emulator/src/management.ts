import type { IncomingMessage } from "node:http";
import type { EmulatorContext } from "./context";
import { managementErrors } from "./errors";
import { faultsFor } from "./faults";
import { gatewayJson, type Reply } from "./http";
import { canReadOrg } from "./permissions";
import { orgToProto } from "./protojson";
import type { Faults } from "./seed";
import { resolveServiceToken } from "./token-store";

// GET /management/v1/orgs/me — ZITADEL's auth interceptor order: header, token, audience, org header, permission.

export interface ManagementOutcome {
  reply: Reply;
  faults?: Faults;
  client?: string;
}

export async function handleOrgsMe(ctx: EmulatorContext, req: IncomingMessage): Promise<ManagementOutcome> {
  if (req.method !== "GET") return { reply: managementErrors.methodNotAllowed() };
  const header = req.headers.authorization;
  if (!header) return { reply: managementErrors.headerMissing() };
  // The scheme is split on the literal "Bearer ", so `bearer x` is refused.
  if (!header.startsWith("Bearer ")) return { reply: managementErrors.invalidHeader() };

  const resolved = await resolveServiceToken(ctx, header.slice("Bearer ".length));
  if (!resolved || !resolved.record.audience.includes(ctx.directory.seed.instance.zitadelProjectId)) {
    return { reply: managementErrors.tokenInvalid() };
  }
  const { user } = resolved;
  const answer = (reply: Reply): ManagementOutcome => ({ reply, faults: faultsFor(user, "orgs"), client: user.username });

  const requestedOrg = headerValue(req.headers["x-zitadel-orgid"]);
  const orgId = requestedOrg || user.orgId;
  const org = /^\d+$/.test(orgId) ? ctx.directory.orgById(orgId) : undefined;
  if (!org) return answer(managementErrors.orgNotExisting());
  if (!canReadOrg(user, org.id)) return answer(managementErrors.noPermission());
  return answer(gatewayJson(200, { org: orgToProto(org) }));
}

function headerValue(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? "";
}
