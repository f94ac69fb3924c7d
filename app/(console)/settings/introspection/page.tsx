import type { Metadata } from "next";
import { IntrospectionClients } from "@/components/settings/introspection-clients";
import { RequireRole } from "@/components/shell/require-role";

export const metadata: Metadata = { title: "Introspection clients" };

export default function IntrospectionClientsPage() {
  return (
    <RequireRole role="admin" what="The introspection clients page">
      <IntrospectionClients />
    </RequireRole>
  );
}
