"use client";

import useSWR from "swr";
import { apiFetch } from "@/lib/client/fetcher";
import { hasAccess, roleLabels, type Access } from "@/lib/roles";
import type { Me } from "@/lib/schemas/roles";

// Who is signed in, with which role: read from the server-side session on every call, so a role an admin lowered
// shows up on the next revalidation (focus, or after any 403).

export const ME_URL = "/api/me";

/** What the console layout knows on the server before /api/me has answered: enough to draw the page for the role. */
export type SignedIn = Pick<Me, "name" | "login" | "email" | "role">;

/** The title and note on a control this role cannot use, e.g. "Needs the admin role". */
export function needsRoleText(needed: Access): string {
  return needed === "signed-in" ? "Needs a signed-in operator" : `Needs the ${roleLabels[needed].toLowerCase()} role`;
}

export function useMe() {
  const { data, error, mutate } = useSWR<Me | SignedIn>(ME_URL, (url: string) => apiFetch<Me>(url));
  const role = data?.role ?? null;
  return {
    /** The layout's fallback until /api/me answers; `id` only once it has. */
    me: data,
    role,
    error: error as unknown,
    refresh: () => mutate(),
    can: (needed: Access) => hasAccess(role, needed),
    /** Why this operator may not do it ("Needs the admin role"), or null when they may. */
    deniedReason: (needed: Access) => (hasAccess(role, needed) ? null : needsRoleText(needed)),
  };
}
