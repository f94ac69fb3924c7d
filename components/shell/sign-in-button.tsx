"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";

export function SignInButton({ callbackUrl }: { callbackUrl: string }) {
  const [isPending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={isPending}
      onClick={() => {
        setPending(true);
        void signIn("zitadel", { callbackUrl });
      }}
      className="mt-6 w-full rounded-md bg-indigo-600 px-4 py-2.5 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-60"
    >
      {isPending ? "Redirecting to ZITADEL…" : "Sign in with ZITADEL"}
    </button>
  );
}
