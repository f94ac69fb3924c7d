import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Presenter } from "@/components/presenter/presenter";
import { idParamsSchema } from "@/lib/schemas/params";

export const metadata: Metadata = { title: "Present" };

export default async function PresentPage({ params }: { params: Promise<{ id: string }> }) {
  const parsed = idParamsSchema.safeParse(await params);
  if (!parsed.success) notFound();
  return <Presenter credentialId={parsed.data.id} />;
}
