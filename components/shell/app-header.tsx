import Link from "next/link";
import { NavLink } from "@/components/shell/nav-link";
import { RouteFocus } from "@/components/shell/route-focus";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { SkipLink } from "@/components/shell/skip-link";

/** Where the skip link lands: the id of the console's <main>. */
export const MAIN_CONTENT_ID = "main-content";

export function AppHeader({ operator }: { operator: { name: string; email: string | null } }) {
  return (
    <header className="border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <SkipLink target={MAIN_CONTENT_ID} />
      <RouteFocus />
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-4 px-4 py-3 sm:px-6">
        <Link href="/credentials" className="flex items-center gap-2 font-semibold">
          <span aria-hidden className="inline-flex h-6 items-center rounded-md bg-indigo-600 px-1.5 text-[10px] font-bold tracking-wide text-white">
            M2M
          </span>
          <span>M2M Console</span>
        </Link>
        <nav aria-label="Main" className="flex items-center gap-1">
          <NavLink href="/credentials">Credentials</NavLink>
          <NavLink href="/audit">Audit log</NavLink>
        </nav>
        <div className="ml-auto flex items-center gap-3">
          <div className="text-right text-sm leading-tight" data-testid="signed-in-operator">
            <div className="font-medium">{operator.name}</div>
            {operator.email ? <div className="text-xs text-zinc-500 dark:text-zinc-400">{operator.email}</div> : null}
          </div>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
