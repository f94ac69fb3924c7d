import type { Metadata } from "next";
import Link from "next/link";
import { NewServiceUserForm } from "@/components/provisioning/new-service-user-form";
import { RequireRole } from "@/components/shell/require-role";
import { Breadcrumb } from "@/components/ui/breadcrumb";

export const metadata: Metadata = { title: "New service user" };

export default function NewServiceUserPage() {
  return (
    <div className="space-y-8">
      <header className="flex flex-wrap items-end gap-4">
        <div className="mr-auto">
          <Breadcrumb steps={[{ href: "/credentials", label: "Credentials" }]} />
          <h1 className="mt-1 text-2xl font-semibold tracking-tight">New service user</h1>
          <p className="mt-1 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
            M2M Console creates the user in ZITADEL, generates its client secret, stores it as a credential here, grants it a manager role
            and checks that it gets a token and finds its organization. Nothing to copy by hand.
          </p>
        </div>
        <Link href="/provisioning" className="text-sm font-medium text-indigo-600 hover:underline dark:text-indigo-400">
          Recent jobs
        </Link>
      </header>
      <RequireRole role="admin" what="Creating a service user">
        <NewServiceUserForm />
      </RequireRole>
    </div>
  );
}
