import type { EmulatorContext } from "./context";
import { gatewayJson, type Reply } from "./http";
import { hasPermission } from "./permissions";
import { orgToV2Proto } from "./protojson";
import type { Call } from "./provisioning-call";

/**
 * POST /v2/organizations/_search (OrganizationService.ListOrganizations): every org the caller holds `org.read` in,
 * in seed order. Search queries in the body are ignored. protojson omits zero values: with no org, the answer is
 * `{"details":{}}`, without `totalResult` or `result`.
 */
export function listOrganizations(ctx: EmulatorContext, call: Call): Reply {
  const orgs = ctx.directory.seed.orgs.filter((org) => hasPermission(call.caller.memberships, org.id, "org.read"));
  if (orgs.length === 0) return gatewayJson(200, { details: {} });
  return gatewayJson(200, { details: { totalResult: String(orgs.length) }, result: orgs.map(orgToV2Proto) });
}
