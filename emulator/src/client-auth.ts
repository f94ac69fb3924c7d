import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { tokenErrors } from "./errors";
import { EscapeError, type FormValues, parseBasicAuth, queryUnescape } from "./go-form";
import { replaceBody, type Reply } from "./http";

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
  clientAssertion: string;
}

/** zitadel/oidc parseClientCredentials: one method only, Basic parts query-unescaped, a client id required. */
export function parseClientCredentials(form: FormValues, authorization: string | undefined): ClientCredentials | Reply {
  const credentials: ClientCredentials = {
    clientId: form.get("client_id"),
    clientSecret: form.get("client_secret"),
    clientAssertion: form.get("client_assertion"),
  };
  const basic = parseBasicAuth(authorization);
  if (basic) {
    if ((credentials.clientId !== "" && credentials.clientSecret !== "") || credentials.clientAssertion !== "") {
      return tokenErrors.moreThanOneMethod();
    }
    try {
      credentials.clientId = queryUnescape(basic.user);
      credentials.clientSecret = queryUnescape(basic.pass);
    } catch (error) {
      if (error instanceof EscapeError) return tokenErrors.invalidBasicAuth();
      throw error;
    }
  }
  if (credentials.clientId === "" && credentials.clientAssertion === "") return tokenErrors.noCredentials();
  return credentials;
}

export function isCredentialsError(value: ClientCredentials | Reply): value is Reply {
  return "status" in value;
}

/** Constant-time comparison that does not leak the secret's length either. */
export function secretsEqual(expected: string, given: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();
  return timingSafeEqual(digest(expected), digest(given));
}

/**
 * oidc-provider allows one auth method per client; ZITADEL apps accept Basic and POST alike.
 * Moving POST credentials into a Basic header before forwarding gives the app both.
 */
export function moveBodyCredentialsToBasic(req: IncomingMessage, form: FormValues): void {
  const clientId = form.get("client_id");
  const clientSecret = form.get("client_secret");
  if (req.headers.authorization || clientId === "" || clientSecret === "") return;
  const encode = (value: string) => encodeURIComponent(value).replace(/%20/g, "+");
  req.headers.authorization = `Basic ${Buffer.from(`${encode(clientId)}:${encode(clientSecret)}`).toString("base64")}`;
  const rest = form.entries().filter(([key]) => key !== "client_id" && key !== "client_secret");
  replaceBody(req, new URLSearchParams(rest).toString());
}
