import type { Metadata } from "next";
import { CredentialsList } from "@/components/credentials/credentials-list";
import { parseListState } from "@/components/credentials/list-state";

export const metadata: Metadata = { title: "Credentials" };

export default async function CredentialsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const deleted = typeof params.deleted === "string" ? params.deleted.slice(0, 100) : undefined;
  return <CredentialsList initial={parseListState(params)} deletedLabel={deleted} />;
}
