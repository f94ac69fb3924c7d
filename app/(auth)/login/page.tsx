import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { DemoLogins } from "@/components/shell/demo-logins";
import { SignInButton } from "@/components/shell/sign-in-button";
import { SIGNED_OUT_STATE } from "@/components/shell/sign-out-state";
import { getEnv } from "@/lib/env";
import { getOperator } from "@/lib/server/auth";
import { safeCallbackPath } from "@/lib/server/callback-path";

export const metadata: Metadata = { title: "Sign in" };

const ERRORS: Record<string, string> = {
  OAuthCallback: "Sign-in with ZITADEL did not complete. Try again.",
  OAuthSignin: "ZITADEL could not be reached. Check that it is running and try again.",
  Callback: "Sign-in with ZITADEL did not complete. Try again.",
  AccessDenied: "Your ZITADEL account may not use M2M Console.",
  SessionRequired: "Sign in to continue.",
};

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{
    callbackUrl?: string | string[];
    error?: string | string[];
    signedOut?: string | string[];
    state?: string | string[];
  }>;
}) {
  const { callbackUrl, error, signedOut, state } = await searchParams;
  // ?signedOut from our own sign-out, or ZITADEL's end_session handing back the state the sign-out button gave it.
  const isSignedOut = !error && (signedOut !== undefined || state === SIGNED_OUT_STATE);
  const target = safeCallbackPath(callbackUrl);
  if (await getOperator()) redirect(target);
  const message = error ? signInErrorMessage(error) : null;
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-xl border border-zinc-200 bg-white p-8 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
        <p className="text-sm font-semibold tracking-wide text-indigo-600 uppercase dark:text-indigo-400">M2M Console</p>
        <h1 className="mt-2 text-2xl font-semibold">Sign in</h1>
        <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
          Test ZITADEL service-user credentials and see which organization they belong to.
        </p>
        {isSignedOut ? (
          <p role="status" className="mt-4 rounded-md bg-emerald-50 p-3 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100">
            You are signed out.
          </p>
        ) : null}
        {message ? (
          <p role="alert" className="mt-4 rounded-md bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
            {message}
          </p>
        ) : null}
        <SignInButton callbackUrl={target} />
        {/* Only where the demo launcher (or e2e) says the emulator's demo operators are the ones to sign in with. */}
        <DemoLogins logins={getEnv().DEMO_LOGINS} />
      </div>
    </main>
  );
}

// Own keys only: `?error=constructor` must not pick up Object.prototype.
function signInErrorMessage(code: string | string[]): string {
  return typeof code === "string" && Object.hasOwn(ERRORS, code) ? ERRORS[code]! : "Sign-in failed. Try again.";
}
