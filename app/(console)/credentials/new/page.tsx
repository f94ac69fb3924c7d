import type { Metadata } from "next";
import Link from "next/link";
import { NewCredential } from "@/components/credentials/new-credential";
import { RequireRole } from "@/components/shell/require-role";
import { Breadcrumb } from "@/components/ui/breadcrumb";

export const metadata: Metadata = { title: "Register a credential" };

export default function NewCredentialPage() {
  return (
    <div className="space-y-8">
      <header className="flex flex-wrap items-end gap-4">
        <div className="mr-auto">
          <Breadcrumb steps={[{ href: "/credentials", label: "Credentials" }]} />
          <h1 className="mt-1 text-2xl font-semibold tracking-tight">Register a credential</h1>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            A ZITADEL service user&apos;s client secret, key file or personal access token.
          </p>
        </div>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Have ZITADEL&apos;s dialog text or a CSV?{" "}
          <Link href="/credentials/import" className="font-medium text-indigo-600 hover:underline dark:text-indigo-400">
            Import
          </Link>
        </p>
      </header>
      <RequireRole role="admin" what="Registering a credential">
        <NewCredential />
      </RequireRole>
    </div>
  );
}
