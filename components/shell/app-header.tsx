"use client";

import Link from "next/link";
import { HeaderSearch } from "@/components/shell/header-search";
import { MAIN_CONTENT_ID } from "@/components/shell/main-content";
import { NavLink } from "@/components/shell/nav-link";
import { RouteFocus } from "@/components/shell/route-focus";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { SkipLink } from "@/components/shell/skip-link";
import { useMe } from "@/lib/client/use-me";
import { roleLabels } from "@/lib/roles";

// Who is signed in and as what, and only the places this role can open.
export function AppHeader() {
  const { me, role, can } = useMe();
  return (
    <header className="border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <SkipLink target={MAIN_CONTENT_ID} />
      <RouteFocus />
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-4 px-4 py-3 sm:px-6">
        <Link href="/credentials" className="flex items-center gap-2 font-semibold">
          <span
            aria-hidden
            className="inline-flex h-6 items-center rounded-md bg-indigo-600 px-1.5 text-[10px] font-bold tracking-wide text-white"
          >
            M2M
          </span>
          <span>M2M Console</span>
        </Link>
        {role ? (
          <nav aria-label="Main" className="flex flex-wrap items-center gap-1">
            <NavLink href="/credentials">Credentials</NavLink>
            <NavLink href="/runs">Runs</NavLink>
            <NavLink href="/lookup">Look up</NavLink>
            {can("admin") ? <NavLink href="/audit">Audit log</NavLink> : null}
            {can("admin") ? <NavLink href="/operators">Operators</NavLink> : null}
            {can("admin") ? <NavLink href="/provisioning">Provisioning</NavLink> : null}
            {can("admin") ? <NavLink href="/settings">Settings</NavLink> : null}
            <NavLink href="/api-reference">API</NavLink>
          </nav>
        ) : null}
        {role ? <HeaderSearch /> : null}
        <div className="ml-auto flex items-center gap-3">
          <div className="text-right text-sm leading-tight" data-testid="signed-in-operator">
            <div>
              <span className="font-medium">{me?.name}</span>
              <span className="text-zinc-500 dark:text-zinc-400"> · </span>
              <span data-testid="signed-in-role" className="text-zinc-600 dark:text-zinc-300">
                {role ? roleLabels[role] : "No role"}
              </span>
            </div>
            {me?.email ? <div className="text-xs text-zinc-500 dark:text-zinc-400">{me.email}</div> : null}
          </div>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
