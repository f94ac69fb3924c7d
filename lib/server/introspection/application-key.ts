import "server-only";
import { createPrivateKey } from "node:crypto";
import { ApiError } from "@/lib/api-error";

// An API application's key file, as ZITADEL downloads it: {"type":"application","keyId","key","appId","clientId"}.
// Only applications may introspect; a service user's key file ("type":"serviceaccount") is refused with the reason.

export interface ApplicationKey {
  keyId: string;
  clientId: string;
  appId: string | null;
  privateKeyPem: string;
}

const SERVICE_ACCOUNT_REFUSAL =
  "Service users cannot introspect tokens in ZITADEL; register an API application's key (Projects → your project → Applications → API app → Keys).";

export function parseApplicationKeyFile(text: string): ApplicationKey {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw refusal("This is not a key file: it is not JSON. Paste the whole file ZITADEL downloaded.");
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) throw refusal("This is not a key file: it is not a JSON object.");
  const file = json as Record<string, unknown>;
  if (file.type === "serviceaccount") throw refusal(SERVICE_ACCOUNT_REFUSAL);
  if (file.type !== "application") throw refusal('This is not an application key file: its "type" is not "application".');
  const field = (name: string) => (typeof file[name] === "string" && file[name].trim() !== "" ? file[name].trim() : null);
  const keyId = field("keyId");
  const clientId = field("clientId");
  const key = field("key");
  const missing = [keyId ? null : "keyId", clientId ? null : "clientId", key ? null : "key"].filter(Boolean);
  if (!keyId || !clientId || !key) throw refusal(`The key file has no ${missing.join(", ")}. Download the key again in ZITADEL.`);
  if (!isRsaPrivateKey(key)) throw refusal('The key file\'s "key" is not a readable RSA private key. Download the key again in ZITADEL.');
  return { keyId, clientId, appId: field("appId"), privateKeyPem: key };
}

function isRsaPrivateKey(pem: string): boolean {
  try {
    return createPrivateKey(pem).asymmetricKeyType === "rsa";
  } catch {
    return false;
  }
}

function refusal(message: string): ApiError {
  return new ApiError("validation_failed", message, { fields: { keyFile: [message] } });
}
