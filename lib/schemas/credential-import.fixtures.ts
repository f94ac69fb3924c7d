// ZITADEL console's "Client Secret" dialog as an operator copies it with the mouse: the title, the warning, the
// labels on their own lines and the Close button. The paste import's unit tests and its e2e specs read the same text.

const WARNING = "Copy the secret now. You won't be able to retrieve it again.";

export function zitadelSecretDialog(clientId: string, secret: string): string[] {
  return ["Client Secret", WARNING, "ClientId", clientId, "ClientSecret", secret, "Close"];
}
