import type { Metadata } from "next";
import { LookupPage } from "@/components/lookup/lookup-page";

export const metadata: Metadata = { title: "Look up" };

export default async function Lookup({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  const { q } = await searchParams;
  const query = (Array.isArray(q) ? q[0] : q)?.trim() || null;
  return <LookupPage key={query ?? ""} query={query} />;
}
