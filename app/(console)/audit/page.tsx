import type { Metadata } from "next";
import { AuditLog } from "@/components/audit/audit-log";
import { RequireRole } from "@/components/shell/require-role";
import type { AuditFilters } from "@/lib/client/use-audit";
import { listAuditQuerySchema } from "@/lib/schemas/audit";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  return (
    <RequireRole role="admin" what="The audit log">
      <AuditLog initialFilters={filtersOf(params)} />
    </RequireRole>
  );
}

/** The filters a shared URL names; a parameter the API would refuse is dropped rather than failing the page. */
function filtersOf(params: Record<string, string | string[] | undefined>): AuditFilters {
  const filters: AuditFilters = {};
  for (const name of ["credentialId", "actor", "action", "outcome", "from", "to"] as const) {
    const value = params[name];
    if (typeof value !== "string" || !value) continue;
    const parsed = listAuditQuerySchema.safeParse({ [name]: value });
    if (parsed.success && parsed.data[name]) Object.assign(filters, { [name]: parsed.data[name] });
  }
  return filters;
}
