import "server-only";

// RP-initiated logout: ZITADEL serves OpenID Connect's end_session endpoint at a fixed path on the issuer.

export const END_SESSION_PATH = "/oidc/v1/end_session";

interface EndSessionInput {
  issuer: string;
  clientId: string;
  postLogoutRedirectUri: string;
  idTokenHint: string | null;
}

export function endSessionUrl(input: EndSessionInput): string {
  const url = new URL(END_SESSION_PATH, input.issuer);
  if (input.idTokenHint) url.searchParams.set("id_token_hint", input.idTokenHint);
  url.searchParams.set("client_id", input.clientId);
  url.searchParams.set("post_logout_redirect_uri", input.postLogoutRedirectUri);
  return url.href;
}
