import "server-only";
import { ApiError } from "@/lib/api-error";
import { assertIssuerAllowed } from "@/lib/server/credentials/issuer";
import { defaultIssuer, listIssuers } from "@/lib/server/credentials/list-issuers";
import { getStore } from "@/lib/server/store";

// A pasted token names its own issuer, and anyone can mint one naming any host: the console calls only issuers it
// already knows (a registered credential's, an introspection client's, DEFAULT_ISSUER), and still through the SSRF policy.

export async function knownIssuers(): Promise<string[]> {
  const clients = await (await getStore()).introspectionClients.list();
  const configured = defaultIssuer();
  const all = [...(await listIssuers()), ...clients.map((client) => client.issuer), ...(configured ? [configured] : [])];
  return [...new Set(all.map(originOf).filter((origin): origin is string => origin !== null))].sort();
}

/** The issuer given, else the JWT's `iss`; refused (422, before any outbound call) unless the console knows it. */
export async function resolveLookupIssuer(given: string | undefined, claimed: unknown): Promise<string> {
  const candidate = given || (typeof claimed === "string" ? claimed : "");
  const known = await knownIssuers();
  if (!candidate) {
    throw new ApiError(
      "validation_failed",
      "This is not a JWT, so it does not say which issuer made it: choose the issuer and look it up again.",
      {
        fields: { issuer: ["Choose the issuer the token comes from."] },
        hint: known.length ? `Known issuers: ${known.join(", ")}.` : "Register a credential at the issuer first.",
      },
    );
  }
  const origin = originOf(candidate);
  if (!origin || !known.includes(origin)) {
    throw new ApiError("validation_failed", "The console looks tokens up only at issuers it knows.", {
      fields: { issuer: [`${candidate.slice(0, 100)} is not an issuer of a registered credential or an introspection client.`] },
      hint: known.length ? `Known issuers: ${known.join(", ")}.` : "Register a credential at the issuer first.",
    });
  }
  return assertIssuerAllowed(origin);
}

function originOf(value: string): string | null {
  try {
    return new URL(value).origin;
  } catch {
    return null;
  }
}
