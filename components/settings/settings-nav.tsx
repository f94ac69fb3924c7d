"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";
import { useMe } from "@/lib/client/use-me";

// The Settings area's own navigation: everything an admin configures for the whole console, one page each.

const PAGES = [
  { href: "/settings", label: "Alerts and checks" },
  { href: "/settings/introspection", label: "Introspection clients" },
  { href: "/settings/provisioners", label: "Provisioners" },
] as const;

/** Shown to admins only: anyone else gets the page's "needs the admin role" state alone. */
export function SettingsNav() {
  const pathname = usePathname();
  const { can } = useMe();
  if (!can("admin")) return null;
  return (
    <nav aria-label="Settings" className="mb-8 overflow-x-auto border-b border-zinc-200 dark:border-zinc-800">
      <ul className="flex gap-1">
        {PAGES.map((page) => {
          const isCurrent = pathname === page.href;
          return (
            <li key={page.href}>
              <Link
                href={page.href}
                aria-current={isCurrent ? "page" : undefined}
                className={cn(
                  "-mb-px inline-block border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap",
                  isCurrent
                    ? "border-indigo-600 text-zinc-900 dark:border-indigo-400 dark:text-zinc-100"
                    : "border-transparent text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100",
                )}
              >
                {page.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
