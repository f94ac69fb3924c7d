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

const GRPC_UNAUTHENTICATED = 16;

/**
 * google.rpc.Status as grpc-gateway writes it (protojson: an empty `details` is left out). An Unauthenticated
 * status also carries its message in WWW-Authenticate.
 */
export function grpcStatus(status: number, code: number, message: string, details: readonly object[] = []): Reply {
  const reply = gatewayJson(status, details.length > 0 ? { code, message, details } : { code, message });
  if (code === GRPC_UNAUTHENTICATED) reply.headers["www-authenticate"] = message;
  return reply;
}

/** A ZITADEL error: "message (ID)" plus an ErrorDetail with the id on its own. */
export function grpcError(status: number, code: number, id: string, message: string): Reply {
  return grpcStatus(status, code, `${message} (${id})`, [{ "@type": "type.googleapis.com/zitadel.v1.ErrorDetail", id, message }]);
}

// The auth interceptor runs outside ZITADEL's translation step: its messages are the raw text or i18n key.
export const managementErrors = {
  headerMissing: () => grpcStatus(401, GRPC_UNAUTHENTICATED, "auth header missing"),
  invalidHeader: () => grpcError(401, GRPC_UNAUTHENTICATED, "AUTH-toLo1", "invalid auth header"),
  tokenInvalid: () => grpcError(401, GRPC_UNAUTHENTICATED, "AUTH-7fs1e", "Errors.Token.Invalid"),
  noPermission: () => grpcError(403, 7, "AUTH-5mWD2", "No matching permissions found"),
  orgNotExisting: () => grpcError(403, 7, "AUTH-Bs7Ds", "Organisation doesn't exist"),
  notFound: () => grpcStatus(404, 5, "Not Found"),
  methodNotAllowed: () => grpcStatus(405, 12, "Method Not Allowed"),
  /** The gateway could not decode the JSON body, or protoc-gen-validate refused a field: no ZITADEL id. */
  invalidArgument: (message: string) => grpcStatus(400, 3, message),
};

// Management API command and query errors, with ZITADEL's ids. The message is translated (en) where ZITADEL's
// i18n has the key; where it has none, ZITADEL sends the key itself, and so does the emulator.
export const provisioningErrors = {
  // A unique-constraint violation on the username, raised by the eventstore (internal/eventstore/v3).
  userAlreadyExists: () => grpcError(409, 6, "V3-DKcYh", "User already exists"),
  // The user query (GetUserByID, GetUserByLoginNameGlobal).
  userNotFound: () => grpcError(404, 5, "QUERY-Dfbg2", "User could not be found"),
  // GenerateMachineSecret reads the user first and finds it in another org than the request's.
  userOfOtherOrg: () => grpcError(404, 5, "MANAG-fpo4B", "User could not be found"),
  // A machine write model without the user in the org of the request (generate: a human user; remove secret).
  userNotExisting: (id: "COMMAND-x8910n" | "COMMAND-x7s802") => grpcError(400, 9, id, "Errors.User.NotExisting"),
  secretNotExisting: () => grpcError(400, 9, "COMMAND-coi82n", "Secret doesn't exist"),
  reactivateUserNotFound: () => grpcError(404, 5, "COMMAND-4M0sd", "User could not be found"),
  userNotInactive: () => grpcError(400, 9, "COMMAND-6M0sf", "User is not inactive"),
  memberRolesMissing: () => grpcError(400, 3, "ORG-4Mlfs", "Errors.Invalid.Argument"),
  memberInvalid: (id: "Org-4N8es" | "Org-LiaZi" | "IAM-m9fG8") => grpcError(400, 3, id, "Errors.Org.MemberInvalid"),
  memberUserNotFound: () => grpcError(400, 9, "ORG-GoXOn", "User could not be found"),
  memberAlreadyExists: () => grpcError(409, 6, "ORG-poWwe", "Errors.Org.Member.AlreadyExists"),
  memberNotFound: () => grpcError(404, 5, "Org-D8JxR", "Errors.NotFound"),
};

export const instanceNotFound = () =>
  plainText(404, "Instance not found. Make sure you got the domain right. Check out https://zitadel.com/docs/apis/introduction#domains");
