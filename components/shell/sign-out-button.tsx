"use client";

import { useState } from "react";
import { Button, type ButtonVariant } from "@/components/ui/button";
import { apiFetch } from "@/lib/client/fetcher";
import { SIGNED_OUT_STATE } from "./sign-out-state";

// Signing out ends three things: the console's server-side session (DELETE /api/session, at once), the cookie
// (next-auth), and ZITADEL's own login session (its end_session page), so the next sign-in asks for the password.

interface EndSession {
  endSessionUrl: string;
}

function withSignedOutState(endSessionUrl: string): string {
  const url = new URL(endSessionUrl);
  url.searchParams.set("state", SIGNED_OUT_STATE);
  return url.href;
}

export function SignOutButton({ variant = "ghost" }: { variant?: ButtonVariant }) {
  const [isPending, setPending] = useState(false);

  async function signOutEverywhere() {
    setPending(true);
    let next = "/login?signedOut=1";
    try {
      next = withSignedOutState((await apiFetch<EndSession>("/api/session", { method: "DELETE" })).endSessionUrl);
    } catch {
      // The session may have ended already (401): the cookie is still cleared below, and the login page is next.
    }
    // next-auth's browser client is loaded for this click only: no page needs it before.
    const { signOut } = await import("next-auth/react");
    await signOut({ redirect: false });
    window.location.assign(next);
  }

  return (
    <Button variant={variant} size="sm" isLoading={isPending} onClick={() => void signOutEverywhere()}>
      Sign out
    </Button>
  );
}
