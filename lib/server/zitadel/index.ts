import "server-only";

// The ZITADEL client: the only code that knows its URLs, scopes, JSON shapes and error codes.

export { diagnoseOrgError, diagnoseOutbound, diagnoseTokenError, diagnoseUnexpectedBody, makeDiagnosis, toDiagnosis } from "./diagnose";
export { clearIssuerCaches, discover, issuerKeys } from "./discovery";
export { endSessionUrl } from "./end-session";
export {
  exchangeToken,
  unsentExchange,
  type ExchangeFailure,
  type ExchangeInput,
  type ExchangeResult,
  type ExchangeSuccess,
} from "./exchange";
export { exchangeJwtProfile, signAssertion, unsentJwtProfileExchange, type JwtProfileKey } from "./jwt-profile";
export { lookupOrg, orgsMeUrl, type LookupOrgInput, type LookupOrgResult } from "./orgs";
export { analyzeToken, type AnalyzeTokenInput } from "./token-analysis";
export { classifyToken, fingerprint, maskToken, type TokenKind } from "./token-format";
export { describePat } from "./pat";
export { jwtProfileCurl, orgsMeCurl, tokenCurl } from "./transcript";
export { ZITADEL_API_AUDIENCE_SCOPE } from "./wire";
export { diagnoseInactive, type InactiveHints } from "./diagnose-introspection";
export { introspectionUrl, introspectToken, type IntrospectInput, type IntrospectionAuth, type IntrospectResult } from "./introspect";
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
  type ManagementCall,
  type ManagementConnection,
  type ManagementResult,
} from "./management";
export type { RefusalContext } from "./diagnose-management";
