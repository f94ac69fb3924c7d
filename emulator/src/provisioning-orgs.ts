import type { EmulatorContext } from "./context";
import { gatewayJson, type Reply } from "./http";
import { hasPermission } from "./permissions";
import { listDetailsToProto, orgToV2Proto } from "./protojson";
import type { Call } from "./provisioning-call";

/**
 * POST /v2/organizations/_search (OrganizationService.ListOrganizations): every org the caller holds `org.read` in,
 * in seed order. Search queries in the body are ignored. protojson omits zero values: with no org, the details hold
 * no `totalResult` and there is no `result`.
 */
export function listOrganizations(ctx: EmulatorContext, call: Call): Reply {
  const orgs = ctx.directory.seed.orgs.filter((org) => hasPermission(call.caller.memberships, org.id, "org.read"));
  const processedSequence = Math.max(0, ...ctx.directory.seed.orgs.map((org) => ctx.directory.sequence(org.id)));
  const details = listDetailsToProto({ totalResult: orgs.length, processedSequence }, "v2");
  return gatewayJson(200, orgs.length === 0 ? { details } : { details, result: orgs.map(orgToV2Proto) });
}
