import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/components/ui/time-format";
import { KIND_LABELS } from "@/lib/credential-kind-labels";
import type { CredentialDto, CredentialKind } from "@/lib/schemas/credential";

// How a credential signs in to ZITADEL, and whether its key or token is still valid, in the words the pages use.

export type CredentialExpiry = NonNullable<CredentialDto["expiry"]>;

/** What "Replace …" replaces, per kind. */
export const MATERIAL: Record<CredentialKind, { noun: string; title: string }> = {
  client_secret: { noun: "secret", title: "Replace secret" },
  jwt_profile: { noun: "key", title: "Replace key" },
  pat: { noun: "token", title: "Replace token" },
};

export function KindBadge({ kind }: { kind: CredentialKind }) {
  return (
    <Badge tone="neutral" className="whitespace-nowrap">
      <span data-testid="credential-kind">{KIND_LABELS[kind].short}</span>
    </Badge>
  );
}

/** Nothing while the key or token is valid (or its expiry unknown): only a state that needs action earns a badge. */
export function ExpiryBadge({ expiry, expiresAt }: { expiry: CredentialExpiry | null; expiresAt: string | null }) {
  if (expiry !== "expired" && expiry !== "expires_soon") return null;
  const at = expiresAt ? formatDateTime(expiresAt) : null;
  return (
    <span title={at ? `${expiry === "expired" ? "Expired" : "Expires"} ${at}` : undefined}>
      <Badge tone={expiry === "expired" ? "danger" : "warning"} className="whitespace-nowrap">
        <span data-testid="credential-expiry">{expiry === "expired" ? "Expired" : "Expires soon"}</span>
      </Badge>
    </span>
  );
}
