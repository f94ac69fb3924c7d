import type { CredentialKind } from "@/lib/schemas/credential";

// How a credential signs in to ZITADEL, in the words the pages and the shared reports use.

export const KIND_LABELS: Record<CredentialKind, { short: string; long: string }> = {
  client_secret: { short: "Client secret", long: "Client secret (client_credentials)" },
  jwt_profile: { short: "Key file", long: "Key file (JWT profile)" },
  pat: { short: "PAT", long: "Personal access token" },
};
