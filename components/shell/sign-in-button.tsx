"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";

// Sign-in through ZITADEL. "Someone else" sends prompt=login, so ZITADEL asks for a login name and password even
// while its own session for another person is still open.
export function SignInButton({ callbackUrl }: { callbackUrl: string }) {
  const [pending, setPending] = useState<"same" | "other" | null>(null);

  function start(who: "same" | "other") {
    setPending(who);
    void signIn("zitadel", { callbackUrl }, who === "other" ? { prompt: "login" } : undefined);
  }

  return (
    <div className="mt-6 space-y-2">
      <button
        type="button"
        disabled={pending !== null}
        onClick={() => start("same")}
        className="w-full rounded-md bg-indigo-600 px-4 py-2.5 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-60"
      >
        {pending === "same" ? "Redirecting to ZITADEL…" : "Sign in with ZITADEL"}
      </button>
      <button
        type="button"
        disabled={pending !== null}
        onClick={() => start("other")}
        className="w-full rounded-md px-4 py-2 text-sm font-medium text-zinc-700 hover:bg-zinc-100 disabled:opacity-60 dark:text-zinc-300 dark:hover:bg-zinc-800"
      >
        {pending === "other" ? "Redirecting to ZITADEL…" : "Sign in as someone else"}
      </button>
    </div>
  );
}
