import Link from "next/link";
import { Fragment } from "react";

/** The trail above a page title: each step links back up. */
export function Breadcrumb({ steps }: { steps: readonly { href: string; label: string }[] }) {
  return (
    <nav aria-label="Breadcrumb" className="text-sm text-zinc-500 dark:text-zinc-400">
      {steps.map((step, index) => (
        <Fragment key={step.href}>
          {index > 0 ? (
            <span aria-hidden className="mx-1.5">
              /
            </span>
          ) : null}
          <Link href={step.href} className="hover:text-zinc-900 dark:hover:text-zinc-100">
            {step.label}
          </Link>
        </Fragment>
      ))}
    </nav>
  );
}
