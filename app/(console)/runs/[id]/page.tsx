import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RunDetailView } from "@/components/runs/run-detail";
import { runIdParamsSchema } from "@/lib/schemas/runs";

export const metadata: Metadata = { title: "Test-all run" };

export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const parsed = runIdParamsSchema.safeParse(await params);
  if (!parsed.success) notFound();
  return <RunDetailView id={parsed.data.id} />;
}
