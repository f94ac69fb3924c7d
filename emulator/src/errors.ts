import { gatewayJson, oauthJson, plainText, type Reply } from "./http";

// ZITADEL's exact error bodies (docs/zitadel-notes.md): clients match on these strings, so they are copied verbatim.

export function oauthError(error: string, description?: string, status = 400): Reply {
  return oauthJson(status, description === undefined ? { error } : { error, error_description: description });
}

const SCOPE_MISSING =
  "The scope of your request is missing. Please ensure some scopes are requested. If you have any questions, you may contact the administrator of the application.";

export const tokenErrors = {
  formInvalid: () => oauthError("invalid_request", "error parsing form"),
  grantTypeMissing: () => oauthError("invalid_request", "grant_type missing"),
  unsupportedGrant: (grantType: string) => oauthError("unsupported_grant_type", `${grantType} not supported`),
  moreThanOneMethod: () => oauthError("invalid_request", "client authentication must not use more than one method"),
  invalidBasicAuth: () => oauthError("invalid_client", "invalid basic auth header"),
  noCredentials: () => oauthError("invalid_request", "client_id or client_assertion must be provided"),
  clientNotFound: () => oauthError("invalid_client", "client not found"),
  secretNotExisting: () => oauthError("invalid_request", "Errors.User.Machine.Secret.NotExisting"),
  secretInvalid: () => oauthError("invalid_request", "Errors.User.Machine.Secret.Invalid"),
  scopeMissing: () => oauthError("invalid_request", SCOPE_MISSING),
  assertionMissing: () => oauthError("invalid_request", "assertion missing"),
  userNotActive: () => oauthError("invalid_request", "Errors.User.NotActive"),
  internal: (status = 500) => oauthError("server_error", "Errors.Internal", status),
};

export const introspectionErrors = {
  notAuthenticated: () => oauthError("invalid_client", "client must be authenticated"),
  tokenMissing: () => oauthError("invalid_request", "token missing"),
  unauthorizedClient: () => oauthError("unauthorized_client"),
};

export const userinfoErrors = {
  tokenMissing: () => oauthError("invalid_request", "access token missing", 401),
  tokenInvalid: () => oauthError("access_denied", "access token invalid", 401),
};

/** google.rpc.Status as grpc-gateway renders a ZITADEL error: "message (ID)" plus an ErrorDetail. */
export function grpcError(status: number, code: number, id: string, message: string): Reply {
  return gatewayJson(status, {
    code,
    message: `${message} (${id})`,
    details: [{ "@type": "type.googleapis.com/zitadel.v1.ErrorDetail", id, message }],
  });
}

export const managementErrors = {
  headerMissing: () => gatewayJson(401, { code: 16, message: "auth header missing", details: [] }),
  invalidHeader: () => grpcError(401, 16, "AUTH-7fs1e", "invalid auth header"),
  tokenInvalid: () => grpcError(401, 16, "AUTH-7fs1e", "Token is invalid"),
  noPermission: () => grpcError(403, 7, "AUTH-5mWD2", "No matching permissions found"),
  orgNotExisting: () => grpcError(403, 7, "AUTH-Bs7Ds", "Organisation doesn't exist"),
  notFound: () => gatewayJson(404, { code: 5, message: "Not Found", details: [] }),
  methodNotAllowed: () => gatewayJson(405, { code: 12, message: "Method Not Allowed", details: [] }),
};

export const instanceNotFound = () =>
  plainText(404, "Instance not found. Make sure you got the domain right. Check out https://zitadel.com/docs/apis/introduction#domains");
