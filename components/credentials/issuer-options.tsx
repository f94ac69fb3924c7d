"use client";

import { useIssuers } from "@/lib/client/use-issuers";

/** A datalist of the issuers already registered, for an issuer input's `list` attribute. */
export function IssuerOptions({ id }: { id: string }) {
  const issuers = useIssuers();
  return (
    <datalist id={id}>
      {issuers.map((issuer) => (
        <option key={issuer} value={issuer} />
      ))}
    </datalist>
  );
}
