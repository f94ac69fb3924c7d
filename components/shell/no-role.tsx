"use client";

import { SignOutButton } from "@/components/shell/sign-out-button";
import { useMe } from "@/lib/client/use-me";
import { roleAbilities, roleLabels, roles } from "@/lib/roles";

// What someone signed in without a role sees instead of any console page: who they are, what a role would let them
// do, and whom to ask. It reads nothing but who they are.
export function NoRole() {
  const { me } = useMe();
  return (
    <section
      aria-labelledby="no-role-heading"
      className="mx-auto max-w-2xl space-y-6 rounded-xl border border-zinc-200 bg-white p-8 shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
    >
      <div>
        <h1 id="no-role-heading" className="text-2xl font-semibold tracking-tight">
          You have no role in M2M Console
        </h1>
        <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
          You are signed in as <span className="font-medium text-zinc-900 dark:text-zinc-100">{me?.name}</span>
          {me?.login ? <> ({me.login})</> : null}
          {me?.email ? <>, {me.email}</> : null}. ZITADEL let you in, but gave you none of the console&apos;s roles, so there is nothing you
          can see here yet.
        </p>
      </div>
      <div>
        <h2 className="text-sm font-semibold">The roles</h2>
        <dl
          className="mt-2 divide-y divide-zinc-100 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800"
          data-testid="role-list"
        >
          {roles.map((role) => (
            <div key={role} className="grid gap-1 px-4 py-3 text-sm sm:grid-cols-[7rem_1fr] sm:gap-4">
              <dt className="font-medium">{roleLabels[role]}</dt>
              <dd className="text-zinc-600 dark:text-zinc-400">{roleAbilities[role]}</dd>
            </div>
          ))}
        </dl>
      </div>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Ask an admin to grant you a role in ZITADEL: in the console&apos;s project, under <em>Authorizations</em>, they add one of its roles
        (by default <code className="font-mono">admin</code>, <code className="font-mono">operator</code> or{" "}
        <code className="font-mono">viewer</code>) to your user. Then sign out and sign in again.
      </p>
      <SignOutButton variant="secondary" />
    </section>
  );
}
