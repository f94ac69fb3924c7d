import "server-only";
import type { DiagnosisCode } from "@/lib/schemas/diagnostics";
import { INTROSPECTION_CATALOGUE } from "./introspection-catalogue";

// What each failure means, in plain language, and what to do about it in ZITADEL's own terms.

export interface CatalogueEntry {
  title: string;
  explanation: string;
  fix: string;
  retryable: boolean;
}

const ADD_ZITADEL_AUD = "Add the scope urn:zitadel:iam:org:project:id:zitadel:aud to this credential's scopes";

export const CATALOGUE: Record<DiagnosisCode, CatalogueEntry> = {
  ...INTROSPECTION_CATALOGUE,
  pat_expired: {
    title: "The personal access token has expired",
    explanation:
      "Its expiry date has passed, so ZITADEL refuses it (401, AUTH-7fs1e) wherever it is sent. The console read the expiry from the token or from ZITADEL's introspection; it did not send the token.",
    fix: 'In ZITADEL open Users → Service Users → this user → Personal Access Tokens, add a new token, copy it and use "Replace token" here.',
    retryable: false,
  },
  provisioning_forbidden: {
    title: "ZITADEL refused: missing permission",
    explanation:
      "The account the console acted with is signed in to ZITADEL, but holds no role that grants the permission this call needs in this organization (AUTH-5mWD2).",
    fix: 'In ZITADEL open the organization, click "+" (top right), search for the account and give it Org Owner (it has user.write and org.member.write; Org User Manager cannot grant roles). Or choose another authority here.',
    retryable: false,
  },
  provisioning_token_expired: {
    title: "Your ZITADEL token is no longer accepted",
    explanation:
      "ZITADEL refused the access token the console took for you at sign-in (AUTH-7fs1e): it expired, was revoked, or you were deactivated since.",
    fix: "Sign out and in again, then retry: the console then holds a fresh ZITADEL token of yours.",
    retryable: false,
  },
  user_exists: {
    title: "A user with this username exists",
    explanation:
      "ZITADEL already has a user with this username (Errors.User.AlreadyExists); usernames are unique in the organization, often in the whole instance.",
    fix: "Choose another username, or register the existing service user here with a new secret instead.",
    retryable: false,
  },
  user_not_found: {
    title: "ZITADEL has no such user",
    explanation:
      "ZITADEL did not find the service user (Errors.User.NotFound): it was deleted, or it lives in an organization this account cannot see.",
    fix: "Check in ZITADEL under Users → Service Users that the user exists; if it was deleted, create it again here.",
    retryable: false,
  },
  client_not_found: {
    title: "Client ID not found",
    explanation:
      "ZITADEL has no service user with this client ID. For client credentials the client ID is the service user's username (for example billing-reporter), not its numeric user ID, and not the ID of an application.",
    fix: 'Open Users → Service Users in ZITADEL and copy the service user\'s username as the client ID. If the organization requires login with the domain ("User login must be domain"), use username@your-org-domain.',
    retryable: false,
  },
  invalid_secret: {
    title: "Wrong client secret",
    explanation:
      "The service user exists, but ZITADEL rejected the client secret. It is mistyped, or it was regenerated in ZITADEL, which invalidates the old one at once.",
    fix: 'In ZITADEL open Users → Service Users → this user → Actions → Generate Client Secret, copy the new secret, then use "Replace secret" here.',
    retryable: false,
  },
  secret_not_ready: {
    title: "The service user has no client secret (yet)",
    explanation:
      "ZITADEL found the user but no client secret for it. Either no secret was ever generated, the user is a human user, or the secret was generated a moment ago and ZITADEL has not caught up yet (this can take a few seconds).",
    fix: 'Wait a few seconds and test again. If it persists, open Users → Service Users → this user → Actions → Generate Client Secret and use "Replace secret" here.',
    retryable: true,
  },
  user_inactive: {
    title: "Service user is deactivated or locked",
    explanation:
      "The credentials are right, but ZITADEL does not issue tokens to a deactivated or locked service user (or one whose organization is inactive).",
    fix: "In ZITADEL open Users → Service Users, select the user and choose Reactivate (or Unlock). Check that its organization is active.",
    retryable: false,
  },
  openid_required: {
    title: "This ZITADEL version requires the openid scope",
    explanation: "Older ZITADEL versions refuse a client-credentials request whose scopes do not include openid.",
    fix: "Add openid to this credential's scopes (for example: openid urn:zitadel:iam:org:project:id:zitadel:aud).",
    retryable: false,
  },
  scope_missing: {
    title: "No scopes were requested",
    explanation: "ZITADEL requires at least one scope in a token request.",
    fix: `Set scopes on this credential, for example: openid. ${ADD_ZITADEL_AUD} if the token must call ZITADEL's APIs.`,
    retryable: false,
  },
  basic_auth_malformed: {
    title: "ZITADEL could not read the Basic authentication header",
    explanation:
      "ZITADEL URL-decodes the client ID and secret inside the Basic header; a stray % or an un-encoded character made that fail.",
    fix: 'Check the client ID and secret for unusual characters, or switch this credential\'s authentication method to "client_secret_post".',
    retryable: false,
  },
  multiple_auth_methods: {
    title: "Two authentication methods were sent",
    explanation: "Newer ZITADEL versions refuse a request that carries the client secret both in the Basic header and in the form body.",
    fix: "Choose one authentication method for this credential: Basic (client_secret_basic) or form body (client_secret_post).",
    retryable: false,
  },
  request_rejected: {
    title: "ZITADEL rejected the token request",
    explanation: "ZITADEL answered with an OAuth error this console does not recognise.",
    fix: "Compare the request in the transcript with ZITADEL's client-credentials guide; the error code below says what ZITADEL disliked.",
    retryable: false,
  },
  token_invalid: {
    title: "ZITADEL did not accept the access token",
    explanation:
      "The Management API refused the token (AUTH-7fs1e). Usually the token was issued without the ZITADEL API audience, so it is only good for other resources; it can also be expired, or belong to a user that was deactivated since.",
    fix: `${ADD_ZITADEL_AUD}, then test again. If the token came from the cache, run a fresh token test.`,
    retryable: false,
  },
  missing_permission: {
    title: "The service user has no permission to read the organization",
    explanation: "The token is valid, but the service user holds no manager role that grants org.read in this organization (AUTH-5mWD2).",
    fix: 'In ZITADEL open the organization, click "+" (top right), search for the service user and give it a manager role such as Org Owner (or Org Owner Viewer / Org User Manager).',
    retryable: false,
  },
  org_not_found: {
    title: "Organization not found",
    explanation: "The organization ID sent in the x-zitadel-orgid header does not exist in this ZITADEL instance (AUTH-Bs7Ds).",
    fix: "Correct this credential's organization ID (ZITADEL shows it on the organization's page), or clear it to use the service user's own organization.",
    retryable: false,
  },
  instance_not_found: {
    title: "No ZITADEL instance at this address",
    explanation:
      'The server answered "Instance not found": ZITADEL picks the instance by domain, and this issuer\'s domain is not one of its instances.',
    fix: "Copy the instance domain from your ZITADEL console's URL (for example https://acme-xyz.zitadel.cloud) and edit this credential's issuer.",
    retryable: false,
  },
  issuer_mismatch: {
    title: "The issuer announces a different address",
    explanation:
      "The discovery document at this issuer names another issuer or token endpoint. Secrets are only sent to the issuer you configured.",
    fix: "Set the credential's issuer to the exact instance domain ZITADEL uses (scheme, host and port, no path).",
    retryable: false,
  },
  discovery_failed: {
    title: "Could not read the issuer's OpenID configuration",
    explanation: "GET /.well-known/openid-configuration at this issuer did not return a usable discovery document.",
    fix: "Check that the issuer is a ZITADEL instance domain (open it in a browser with /.well-known/openid-configuration appended).",
    retryable: true,
  },
  no_secret: {
    title: "No client secret is stored",
    explanation: "This credential has no client secret yet, so no token can be requested.",
    fix: 'Use "Replace secret" to add the service user\'s client secret.',
    retryable: false,
  },
  secret_unreadable: {
    title: "The stored secret could not be decrypted",
    explanation: "The encrypted secret does not open with this server's keys (a key was removed, or the row was altered).",
    fix: 'Use "Replace secret" to store the secret again; ask an administrator to check SECRETS_KEY / SECRETS_PREVIOUS_KEYS.',
    retryable: false,
  },
  dns: {
    title: "The issuer's host name does not resolve",
    explanation: "DNS has no address for this host, so no connection was attempted.",
    fix: "Check the spelling of the issuer's domain (e.g. https://acme-xyz.zitadel.cloud).",
    retryable: true,
  },
  tls: {
    title: "The issuer's TLS certificate was not accepted",
    explanation: "The HTTPS certificate is expired, self-signed, issued for another name, or its chain is incomplete.",
    fix: "Use the instance's public domain, or fix the certificate on the self-hosted ZITADEL or its proxy.",
    retryable: false,
  },
  refused: {
    title: "The issuer refused the connection",
    explanation: "Nothing accepts connections at this address and port.",
    fix: "Check the issuer's port and that ZITADEL (or its proxy) is running.",
    retryable: true,
  },
  network: {
    title: "The connection to the issuer failed",
    explanation: "The connection broke before a complete answer arrived.",
    fix: "Try again; if it keeps failing, check the network path to the issuer.",
    retryable: true,
  },
  closed_before_answer: {
    title: "The issuer closed the connection without answering",
    explanation:
      "The connection was made and the request sent, then closed or reset before any answer (status line) came back. " +
      "ZITADEL may or may not have processed it.",
    fix: "Try again; if it keeps happening, check the proxy or load balancer in front of ZITADEL (idle timeouts, restarts).",
    retryable: true,
  },
  answer_interrupted: {
    title: "The issuer's answer was cut off",
    explanation: "The issuer began to answer (status and headers arrived), then the connection broke before the body was complete.",
    fix: "Try again; if it keeps happening, check the proxy or load balancer in front of ZITADEL, or the network path to it.",
    retryable: true,
  },
  timeout: {
    title: "The issuer did not answer in time",
    explanation: "No complete answer arrived before the deadline (UPSTREAM_TIMEOUT_MS).",
    fix: "Try again later; if it persists, check the issuer's status page or the network path to it.",
    retryable: true,
  },
  cancelled: {
    title: "The test was cancelled",
    explanation: "The request was cancelled before the issuer answered (for example, the server was shutting down).",
    fix: "Run the test again.",
    retryable: true,
  },
  redirect: {
    title: "The issuer redirected",
    explanation:
      "The issuer answered with a redirect. Redirects are never followed, because a redirected token request would carry the client secret elsewhere.",
    fix: "Use the final ZITADEL instance domain as the issuer (no proxy path, no http→https hop).",
    retryable: false,
  },
  not_json: {
    title: "The issuer answered with something other than JSON",
    explanation: "The answer was not JSON (often an HTML error page from a proxy, a load balancer or a wrong host).",
    fix: "Check that the issuer is the ZITADEL instance domain and that no proxy in between rewrites the answer.",
    retryable: false,
  },
  too_large: {
    title: "The issuer's answer was too large",
    explanation: "The answer exceeded 256 KiB, far more than any ZITADEL token or organization response.",
    fix: "Check that the issuer is really a ZITADEL instance.",
    retryable: false,
  },
  bad_response: {
    title: "The issuer's answer had an unexpected shape",
    explanation: "The answer was JSON, but not in the shape ZITADEL sends (a field was missing or had an impossible value).",
    fix: "Check that the issuer is a ZITADEL instance and not another service on the same address.",
    retryable: false,
  },
  server_error: {
    title: "ZITADEL answered with a server error",
    explanation: "The issuer answered with a server error (5xx). This is not caused by the credential.",
    fix: "Try again in a minute; check ZITADEL's status page (or its logs, if self-hosted) if it persists.",
    retryable: true,
  },
  blocked_address: {
    title: "The issuer's address is not allowed",
    explanation:
      "The issuer resolves to a private, loopback, link-local or otherwise non-public address, which this console does not call unless an administrator allowed that origin.",
    fix: "Use the issuer's public domain, or ask an administrator to add this exact origin to ALLOWED_ISSUERS.",
    retryable: false,
  },
  rate_limited: {
    title: "ZITADEL is rate-limiting requests",
    explanation: "The issuer answered 429 Too Many Requests.",
    fix: "Wait a minute and test again; cached tokens are reused to avoid this.",
    retryable: true,
  },
  jwt_profile_rejected: {
    title: "ZITADEL refused the key's assertion",
    explanation:
      "ZITADEL answers 500 server_error Errors.Internal for any JWT-profile assertion it cannot accept, without saying why. The likely causes, most likely first, are listed below with what this console could check on its own.",
    fix: "In ZITADEL open Users → Service Users → this user → Keys and check that a key with this key ID is listed and not expired; if it is gone or expired, add a new key (type JSON), download it and use \"Replace key\" here. Check the issuer is spelled exactly as ZITADEL's discovery document names it, and that this server's clock is synchronised (NTP).",
    retryable: false,
  },
  unknown: {
    title: "Unexpected answer from the issuer",
    explanation: "The issuer answered in a way this console does not recognise.",
    fix: "Check the transcript below and compare it with ZITADEL's client-credentials guide.",
    retryable: false,
  },
};
