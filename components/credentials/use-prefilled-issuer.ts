"use client";

import { useEffect } from "react";
import { useDefaultIssuer } from "@/lib/client/use-issuers";

/**
 * Fills an empty issuer field with the default issuer once it is known (DEFAULT_ISSUER; the emulator's in the demo),
 * never over what the operator typed.
 */
export function usePrefilledIssuer(current: () => string, fill: (issuer: string) => void): void {
  const defaultIssuer = useDefaultIssuer();
  useEffect(() => {
    if (defaultIssuer && !current()) fill(defaultIssuer);
    // Once, when the default arrives: the callbacks are new on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [defaultIssuer]);
}
