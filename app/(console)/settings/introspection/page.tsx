import type { Metadata } from "next";
import { IntrospectionClients } from "@/components/settings/introspection-clients";
import { Provisioners } from "@/components/settings/provisioners";
import { RequireRole } from "@/components/shell/require-role";

export const metadata: Metadata = { title: "Introspection clients" };

export default function IntrospectionClientsPage() {
  return (
    <RequireRole role="admin" what="The introspection clients page">
      <div className="space-y-12">
        <IntrospectionClients />
        <Provisioners />
      </div>
    </RequireRole>
  );
}
