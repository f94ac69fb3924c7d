import type { Metadata } from "next";
import { AlertsAndChecks } from "@/components/settings/alerts-and-checks";
import { RequireRole } from "@/components/shell/require-role";

export const metadata: Metadata = { title: "Alerts and scheduled checks" };

export default function SettingsPage() {
  return (
    <RequireRole role="admin" what="Settings">
      <AlertsAndChecks />
    </RequireRole>
  );
}
