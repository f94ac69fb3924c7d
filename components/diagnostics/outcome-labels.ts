import type { DiagnosisCode } from "@/lib/schemas/diagnostics";

// Short names for a test's outcome in badges and the history; the diagnosis card has the full explanation.

const LABELS: Record<DiagnosisCode | "ok" | "not_checked", string> = {
  ok: "OK",
  not_checked: "Not checked: a PAT is sent as is",
  client_not_found: "Client not found",
  invalid_secret: "Wrong secret",
  secret_not_ready: "Secret not ready",
  user_inactive: "User deactivated",
  openid_required: "openid required",
  scope_missing: "No scopes",
  basic_auth_malformed: "Bad Basic header",
  multiple_auth_methods: "Two auth methods",
  request_rejected: "Request rejected",
  token_invalid: "Token not accepted",
  missing_permission: "No permission",
  org_not_found: "Org not found",
  instance_not_found: "Instance not found",
  issuer_mismatch: "Issuer mismatch",
  discovery_failed: "Discovery failed",
  no_secret: "No secret",
  secret_unreadable: "Secret unreadable",
  dns: "DNS failure",
  tls: "TLS failure",
  refused: "Connection refused",
  network: "Network error",
  closed_before_answer: "Closed without answer",
  answer_interrupted: "Answer cut off",
  timeout: "Timeout",
  cancelled: "Cancelled",
  redirect: "Redirect",
  not_json: "Not JSON",
  too_large: "Too large",
  bad_response: "Bad response",
  server_error: "Server error",
  blocked_address: "Blocked address",
  rate_limited: "Rate limited",
  unknown: "Unknown",
  jwt_profile_rejected: "Key refused",
  pat_expired: "PAT expired",
  token_inactive: "Token not active",
  introspection_client_rejected: "Introspection client refused",
  introspection_token_missing: "Token missing",
  introspection_client_unreadable: "Introspection secret unreadable",
  provisioning_forbidden: "ZITADEL refused",
  provisioning_token_expired: "Sign in again",
  user_exists: "User exists",
  user_not_found: "User not found",
};

/** Failures that no ZITADEL setting fixes: the fix is about this console, the network or waiting. */
const NOT_IN_ZITADEL = new Set<string>([
  "no_secret",
  "secret_unreadable",
  "introspection_client_unreadable",
  "dns",
  "tls",
  "refused",
  "network",
  "closed_before_answer",
  "answer_interrupted",
  "timeout",
  "cancelled",
  "blocked_address",
]);

export function outcomeLabel(outcome: string): string {
  return (LABELS as Record<string, string>)[outcome] ?? outcome.replace(/_/g, " ");
}

/** A check that verified nothing is neither a pass nor a failure. */
export function outcomeTone(outcome: string): "success" | "danger" | "neutral" {
  if (outcome === "not_checked") return "neutral";
  return outcome === "ok" ? "success" : "danger";
}

export function isFixedInZitadel(code: string): boolean {
  return !NOT_IN_ZITADEL.has(code);
}
