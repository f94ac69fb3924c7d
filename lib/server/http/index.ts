import "server-only";

export { withSignal } from "./abort";
export { checkIssuerUrl, isAllowListed, isPublicUnicast, type AllowList, type IssuerUrlCheck } from "./address-policy";
export { closeAgents } from "./agents";
export {
  createCapturingFetch,
  guardedResponseFetch,
  type CapturedExchange,
  type CapturedRequest,
  type ResponseFetch,
} from "./fetch-adapter";
export { guardedFetch, MAX_RESPONSE_BYTES, type GuardedRequest, type GuardedResponse } from "./guarded-fetch";
export { createSharedFlight, type SharedFlight } from "./shared-flight";
export { OutboundError, type OutboundErrorKind } from "./outbound-error";
