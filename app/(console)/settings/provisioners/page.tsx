import type { Metadata } from "next";
import { Provisioners } from "@/components/settings/provisioners";
import { RequireRole } from "@/components/shell/require-role";

export const metadata: Metadata = { title: "Provisioners" };

export default function ProvisionersPage() {
  return (
    <RequireRole role="admin" what="The provisioners page">
      <Provisioners />
    </RequireRole>
  );
}
