"use client";

import Link from "next/link";
import { issuerHost } from "@/components/credentials/issuer-host";
import { Alert } from "@/components/ui/alert";
import { ErrorState } from "@/components/ui/error-state";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import type { Authority } from "@/lib/schemas/provisioning";
import { authorityKey } from "./authority-choice";

// Whose ZITADEL permissions a change uses. One that cannot be used now stays in the list, disabled, with its reason
// spelled out under the field: an admin must see why their own account or a provisioner is not offered.

interface AuthorityFieldProps {
  authorities: Authority[] | undefined;
  error?: unknown;
  onRetry?: () => void;
  value: string;
  onChange: (key: string) => void;
  /** The issuer's host is named in each option when the list spans issuers. */
  showsIssuer?: boolean;
  fieldError?: string;
  label?: string;
}

export function AuthorityField({
  authorities,
  error,
  onRetry,
  value,
  onChange,
  showsIssuer,
  fieldError,
  label = "Authority",
}: AuthorityFieldProps) {
  if (error && !authorities)
    return <ErrorState error={error} onRetry={onRetry} title="Whose ZITADEL permissions to use could not be loaded" />;
  if (!authorities) {
    return (
      <div aria-busy="true">
        <span className="sr-only">Loading whose ZITADEL permissions can be used…</span>
        <Skeleton className="h-14 w-full" />
      </div>
    );
  }
  const unavailable = authorities.filter((authority) => !authority.available);
  if (authorities.length === 0 || unavailable.length === authorities.length) {
    return (
      <div className="space-y-2" data-testid="no-authority">
        <Alert tone="warning" title="No ZITADEL permissions the console may use here">
          Sign in again so the console holds your ZITADEL token, or name a provisioner in{" "}
          <Link href="/settings/provisioners" className="font-medium underline">
            Settings
          </Link>
          .
        </Alert>
        <UnavailableReasons authorities={unavailable} showsIssuer={showsIssuer} />
      </div>
    );
  }
  return (
    <Field
      label={label}
      error={fieldError}
      hint={
        <>
          Whose permissions in ZITADEL the console uses: your own account, or a provisioner an admin named in Settings.
          <UnavailableReasons authorities={unavailable} showsIssuer={showsIssuer} />
        </>
      }
    >
      <Select value={value} onChange={(event) => onChange(event.target.value)} data-testid="authority-select">
        {authorities.map((authority) => (
          <option key={authorityKey(authority)} value={authorityKey(authority)} disabled={!authority.available}>
            {optionText(authority, showsIssuer)}
            {authority.available ? "" : " (unavailable)"}
          </option>
        ))}
      </Select>
    </Field>
  );
}

function optionText(authority: Authority, showsIssuer?: boolean): string {
  return showsIssuer ? `${authority.label} at ${issuerHost(authority.issuer)}` : authority.label;
}

function UnavailableReasons({ authorities, showsIssuer }: { authorities: Authority[]; showsIssuer?: boolean }) {
  if (authorities.length === 0) return null;
  return (
    <span className="mt-1 block space-y-0.5" data-testid="unavailable-authorities">
      {authorities.map((authority) => (
        <span key={authorityKey(authority)} className="block">
          <span className="font-medium">{optionText(authority, showsIssuer)}</span> cannot be used: {authority.reason ?? "no reason given"}
        </span>
      ))}
    </span>
  );
}
