import "server-only";

// The ZITADEL client: the only code that knows its URLs, scopes, JSON shapes and error codes.

export { makeDiagnosis, toDiagnosis } from "./diagnose";
export { isIssuerUnavailable } from "./issuer-trouble";

export { endSessionUrl } from "./end-session";
export { exchangeToken, unsentExchange, type ExchangeResult } from "./exchange";
export { exchangeJwtProfile, unsentJwtProfileExchange } from "./jwt-profile";
export { lookupOrg, orgsMeUrl, type LookupOrgResult } from "./orgs";
export { analyzeToken, audience, safeDecode, verifySignature, zitadelClaims } from "./token-analysis";
export { classifyToken, fingerprint } from "./token-format";

export { demoFailures } from "./demo-failures";
export { describePat } from "./pat";
export { describeScope } from "./scope-meanings";
export { orgsMeCurl } from "./transcript";
export { ZITADEL_API_AUDIENCE_SCOPE } from "./wire";
export { diagnoseInactive } from "./diagnose-introspection";
export { introspectToken, type IntrospectionAuth, type IntrospectResult } from "./introspect";
export {
  addOrgMember,
  createMachineUser,
  findUserByLoginName,
  generateSecret,
  getMemberRoles,
  getOwnOrg,
  getUser,
  reactivateUser,
  searchOrgs,
  updateOrgMember,
  type MachineUser,
  type ManagementConnection,
  type ManagementResult,
} from "./management";
export { listUserGrants, listUserKeys, listUserMemberships, listUserPats } from "./user-reads";
