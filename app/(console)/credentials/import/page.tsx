import type { Metadata } from "next";
import Link from "next/link";
import { ImportPanel } from "@/components/credentials/import-panel";

export const metadata: Metadata = { title: "Import credentials" };

export default function ImportCredentialsPage() {
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <header>
        <nav aria-label="Breadcrumb" className="text-sm text-zinc-500 dark:text-zinc-400">
          <Link href="/credentials" className="hover:text-zinc-900 dark:hover:text-zinc-100">
            Credentials
          </Link>
        </nav>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">Import credentials</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Paste what ZITADEL showed when it generated a client secret, or upload a CSV of many. Secrets are stored encrypted and never shown again.
        </p>
      </header>
      <ImportPanel />
    </div>
  );
}
