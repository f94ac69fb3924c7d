import "server-only";

// Use cases behind the token-test, reveal, test-history and org-lookup routes.

export { getHeldToken } from "./get-held-token";
export { getPresentation } from "./get-presentation";
export { listTestHistory } from "./list-test-history";
export { runApiCall } from "./run-api-call";
export { revealCachedToken } from "./reveal-cached-token";
export { runOrgLookup } from "./run-org-lookup";
export { runTokenTest } from "./run-token-test";
