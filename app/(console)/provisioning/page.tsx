import type { Metadata } from "next";
import Link from "next/link";
import { JobsList } from "@/components/provisioning/jobs-list";
import { RequireRole } from "@/components/shell/require-role";
import { buttonClasses } from "@/components/ui/button";

export const metadata: Metadata = { title: "Provisioning" };

export default function ProvisioningPage() {
  return (
    <div className="space-y-8">
      <header className="flex flex-wrap items-end gap-4">
        <div className="mr-auto">
          <h1 className="text-2xl font-semibold tracking-tight">Provisioning</h1>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            Service users the console created in ZITADEL, the latest 50. Whose permissions it may use at other issuers:{" "}
            <Link href="/settings/provisioners" className="underline">
              provisioners
            </Link>
            .
          </p>
        </div>
        <Link href="/credentials/new-service-user" className={buttonClasses("primary")}>
          New service user
        </Link>
      </header>
      <RequireRole role="admin" what="Provisioning">
        <JobsList />
      </RequireRole>
    </div>
  );
}
