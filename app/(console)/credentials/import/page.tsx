import type { Metadata } from "next";
import { ImportPanel } from "@/components/credentials/import-panel";
import { RequireRole } from "@/components/shell/require-role";
import { Breadcrumb } from "@/components/ui/breadcrumb";

export const metadata: Metadata = { title: "Import credentials" };

export default function ImportCredentialsPage() {
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <header>
        <Breadcrumb steps={[{ href: "/credentials", label: "Credentials" }]} />
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">Import credentials</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Paste what ZITADEL showed when it generated a client secret, or upload a CSV of many. Secrets are stored encrypted and never shown
          again.
        </p>
      </header>
      <RequireRole role="admin" what="Importing credentials">
        <ImportPanel />
      </RequireRole>
    </div>
  );
}
