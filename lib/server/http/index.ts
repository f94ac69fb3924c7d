import "server-only";

export { withSignal } from "./abort";
export { checkIssuerUrl, isAllowListed, type AllowList } from "./address-policy";
export { closeAgents } from "./agents";
export { createCapturingFetch, type CapturedExchange } from "./fetch-adapter";
export { guardedFetch, type GuardedRequest, type GuardedResponse } from "./guarded-fetch";
export { createSharedFlight } from "./shared-flight";
export { OutboundError, type OutboundErrorKind } from "./outbound-error";
export { parseRetryAfter } from "./retry-after";
