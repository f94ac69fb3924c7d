"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { needsRoleText, useMe } from "@/lib/client/use-me";
import { roleLabels, type Role } from "@/lib/roles";

/**
 * A page only some roles may use: anyone else gets a plain "needs the admin role" state, and the page's own
 * components (and their requests) never mount. The API refuses them anyway; this spares them a page of errors.
 */
export function RequireRole({ role, what, children }: { role: Role; what: string; children: ReactNode }) {
  const { role: current, can } = useMe();
  if (can(role)) return <>{children}</>;
  return (
    <div data-testid="role-required">
      <EmptyState
        title={`${what} ${needsRoleText(role).toLowerCase()}`}
        description={`You are signed in as ${current ? roleLabels[current].toLowerCase() : "someone without a role"}. Ask an admin for the ${roleLabels[role].toLowerCase()} role in ZITADEL if you need this.`}
        action={
          <Link href="/credentials" className={buttonClasses("secondary")}>
            Back to credentials
          </Link>
        }
      />
    </div>
  );
}
