import "server-only";
import type { DiagnosisCode } from "@/lib/schemas/diagnostics";
import type { CatalogueEntry } from "./diagnosis-catalogue";

// What an introspection answer means (docs/zitadel-notes.md#introspection-and-userinfo). ZITADEL answers every token problem with
// the same 200 {"active":false}, so the inactive entry is sharpened with what the console can check itself
// (diagnose-introspection.ts).

type IntrospectionCode = Extract<
  DiagnosisCode,
  "token_inactive" | "introspection_client_rejected" | "introspection_token_missing" | "introspection_client_unreadable"
>;

export const INTROSPECTION_CATALOGUE: Record<IntrospectionCode, CatalogueEntry> = {
  token_inactive: {
    title: "ZITADEL says the token is not active",
    explanation:
      "ZITADEL answers {\"active\":false} for every token it will not vouch for to this application. Likely causes, in order: the token's audience does not include the introspecting application's project; the token expired; the service user was deactivated or deleted.",
    fix: "Add the scope urn:zitadel:iam:org:project:id:{your API project id}:aud to this credential's scopes, run Test token, then introspect again.",
    retryable: false,
  },
  introspection_client_rejected: {
    title: "ZITADEL refused the introspection client",
    explanation:
      "ZITADEL did not accept the application the console introspects with: the client secret is wrong or was regenerated, the application was deleted, or the key is not one of this application's keys. Service users cannot introspect at all.",
    fix: "Open Projects → your project → Applications → the API app in ZITADEL, generate a new client secret or key, then delete and re-add this issuer's introspection client.",
    retryable: false,
  },
  introspection_token_missing: {
    title: "ZITADEL received no token to introspect",
    explanation:
      "ZITADEL answered that the request had no token. The console always sends one, so something between it and ZITADEL removed the form body.",
    fix: "Check proxies in front of ZITADEL for rules that drop or rewrite POST bodies to /oauth/v2/introspect.",
    retryable: false,
  },
  introspection_client_unreadable: {
    title: "The introspection client's secret cannot be read",
    explanation:
      "The stored secret or key of this issuer's introspection client cannot be decrypted with the console's keys (SECRETS_KEY and SECRETS_PREVIOUS_KEYS): the key it was sealed with was removed.",
    fix: "Delete this issuer's introspection client and add it again, or restore the retired key to SECRETS_PREVIOUS_KEYS.",
    retryable: false,
  },
};
