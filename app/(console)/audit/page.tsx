import type { Metadata } from "next";
import { z } from "zod";
import { AuditLog } from "@/components/audit/audit-log";
import { RequireRole } from "@/components/shell/require-role";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { credentialId } = await searchParams;
  const parsed = z.uuid().safeParse(credentialId);
  return (
    <RequireRole role="admin" what="The audit log">
      <AuditLog initialCredentialId={parsed.success ? parsed.data : null} />
    </RequireRole>
  );
}
