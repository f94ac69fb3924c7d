import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { idParamsSchema } from "@/lib/schemas/params";
import { CredentialDetail } from "@/components/credentials/credential-detail";
import { CredentialDiagnostics } from "@/components/diagnostics/credential-diagnostics";

export const metadata: Metadata = { title: "Credential" };

export default async function CredentialPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const parsed = idParamsSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const { saved } = await searchParams;
  const { id } = parsed.data;
  return (
    <div className="space-y-10">
      <CredentialDetail id={id} saved={saved === "created" || saved === "updated" ? saved : undefined} />
      <CredentialDiagnostics credentialId={id} />
    </div>
  );
}
