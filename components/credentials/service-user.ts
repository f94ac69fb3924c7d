import type { CredentialDto } from "@/lib/schemas/credential";

// Who a credential signs in as, the way a person looks for it: the service user's login name. A client secret's client
// ID is that name; a key names only a numeric user id and a PAT nothing, until ZITADEL names the user in a check.

export interface ServiceUserIdentity {
  /** The login name, when known. */
  name: string | null;
  /** A second line: the key's user id, or why no name is shown yet. */
  detail: string | null;
}

export function serviceUserIdentity(credential: Pick<CredentialDto, "kind" | "clientId" | "serviceUser">): ServiceUserIdentity {
  if (credential.kind === "client_secret") return { name: credential.clientId, detail: null };
  if (credential.kind === "jwt_profile") return { name: credential.serviceUser, detail: `user ${credential.clientId}` };
  return { name: credential.serviceUser, detail: credential.serviceUser ? "token" : "none (token)" };
}
