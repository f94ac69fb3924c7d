"use client";

import { useState } from "react";
import type { Authority, AuthorityRef } from "@/lib/schemas/provisioning";

// An authority as a <select> value ("operator", "provisioner:<credential id>") and back, and the one chosen.

export function authorityKey(authority: Pick<Authority, "kind" | "credentialId">): string {
  return authority.kind === "operator" ? "operator" : `provisioner:${authority.credentialId ?? ""}`;
}

export function authorityRef(key: string): AuthorityRef | null {
  if (key === "operator") return { kind: "operator" };
  if (key.startsWith("provisioner:") && key.length > "provisioner:".length) {
    return { kind: "provisioner", credentialId: key.slice("provisioner:".length) };
  }
  return null;
}

/** The operator's choice, else the first authority that can be used now (the API lists the operator's own first). */
export function useAuthorityChoice(authorities: Authority[] | undefined, preferred?: string | null) {
  const [chosen, setChosen] = useState<string | null>(null);
  const usable = authorities?.filter((authority) => authority.available) ?? [];
  const isUsable = (key: string | null | undefined) => Boolean(key && usable.some((authority) => authorityKey(authority) === key));
  const key = isUsable(chosen) ? chosen! : isUsable(preferred) ? preferred! : usable[0] ? authorityKey(usable[0]) : "";
  const authority = authorities?.find((candidate) => authorityKey(candidate) === key) ?? null;
  return { key, setKey: setChosen, ref: authorityRef(key), authority };
}
