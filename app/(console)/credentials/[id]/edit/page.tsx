import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { EditCredential } from "@/components/credentials/edit-credential";

export const metadata: Metadata = { title: "Edit credential" };

const paramsSchema = z.object({ id: z.uuid() });

export default async function EditCredentialPage({ params }: { params: Promise<{ id: string }> }) {
  const parsed = paramsSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const { id } = parsed.data;
  return (
    <div className="space-y-2">
      <nav aria-label="Breadcrumb" className="text-sm text-zinc-500 dark:text-zinc-400">
        <Link href="/credentials" className="hover:text-zinc-900 dark:hover:text-zinc-100">
          Credentials
        </Link>
        <span aria-hidden className="mx-1.5">/</span>
        <Link href={`/credentials/${id}`} className="hover:text-zinc-900 dark:hover:text-zinc-100">
          Credential
        </Link>
      </nav>
      <h1 className="text-2xl font-semibold tracking-tight">Edit credential</h1>
      <EditCredential id={id} />
    </div>
  );
}
