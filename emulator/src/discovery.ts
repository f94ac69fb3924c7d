import type { Reply } from "./http";

// ZITADEL's paths (oidc-provider is configured with the same ones in provider.ts).
export const routes = {
  authorization: "/oauth/v2/authorize",
  token: "/oauth/v2/token",
  introspection: "/oauth/v2/introspect",
  userinfo: "/oidc/v1/userinfo",
  revocation: "/oauth/v2/revoke",
  end_session: "/oidc/v1/end_session",
  jwks: "/oauth/v2/keys",
} as const;

const AUTH_METHODS = ["none", "client_secret_basic", "client_secret_post", "private_key_jwt"];

/** ZITADEL's discovery document in its struct field order, with the flows this emulator does not serve left out. */
export function discoveryDocument(issuer: string): Reply {
  const url = (path: string) => `${issuer}${path}`;
  const document = {
    issuer,
    authorization_endpoint: url(routes.authorization),
    token_endpoint: url(routes.token),
    introspection_endpoint: url(routes.introspection),
    userinfo_endpoint: url(routes.userinfo),
    revocation_endpoint: url(routes.revocation),
    end_session_endpoint: url(routes.end_session),
    jwks_uri: url(routes.jwks),
    scopes_supported: ["openid", "profile", "email", "phone", "address", "offline_access"],
    response_types_supported: ["code"],
    response_modes_supported: ["query", "fragment", "form_post"],
    grant_types_supported: ["authorization_code", "refresh_token", "client_credentials", "urn:ietf:params:oauth:grant-type:jwt-bearer"],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: ["RS256"],
    request_object_signing_alg_values_supported: ["RS256"],
    token_endpoint_auth_methods_supported: AUTH_METHODS,
    token_endpoint_auth_signing_alg_values_supported: ["RS256"],
    revocation_endpoint_auth_methods_supported: AUTH_METHODS,
    revocation_endpoint_auth_signing_alg_values_supported: ["RS256"],
    introspection_endpoint_auth_methods_supported: ["client_secret_basic", "private_key_jwt"],
    introspection_endpoint_auth_signing_alg_values_supported: ["RS256"],
    claims_supported: [
      "sub",
      "aud",
      "exp",
      "iat",
      "iss",
      "auth_time",
      "nonce",
      "acr",
      "amr",
      "c_hash",
      "at_hash",
      "act",
      "scopes",
      "client_id",
      "azp",
      "preferred_username",
      "name",
      "family_name",
      "given_name",
      "locale",
      "email",
      "email_verified",
      "phone_number",
      "phone_number_verified",
    ],
    code_challenge_methods_supported: ["S256"],
    ui_locales_supported: ["en"],
    request_parameter_supported: false,
    request_uri_parameter_supported: false,
  };
  return { status: 200, headers: { "content-type": "application/json" }, body: `${JSON.stringify(document)}\n` };
}
