import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SWRConfig } from "swr";
import { CredentialDetail } from "@/components/credentials/credential-detail";
import { CredentialDiagnostics } from "@/components/diagnostics/credential-diagnostics";
import { idParamsSchema } from "@/lib/schemas/params";
import { credentialPageData } from "@/lib/server/credentials/credential-page-data";

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
  // The credential and its last known org arrive with the page: the panels render them at once while the live
  // lookup runs (the hooks still revalidate on mount).
  const fallback = await credentialPageData(id);
  if (!fallback) notFound();
  return (
    <SWRConfig value={{ fallback }}>
      {/* On a phone the diagnostics come before the credential's facts: whether it works, and why not, comes first. */}
      <div className="flex flex-col gap-6 lg:gap-10">
        <CredentialDetail id={id} saved={saved === "created" || saved === "updated" ? saved : undefined} />
        <CredentialDiagnostics credentialId={id} />
      </div>
    </SWRConfig>
  );
}
