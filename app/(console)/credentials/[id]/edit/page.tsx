import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EditCredential } from "@/components/credentials/edit-credential";
import { RequireRole } from "@/components/shell/require-role";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { idParamsSchema } from "@/lib/schemas/params";

export const metadata: Metadata = { title: "Edit credential" };

export default async function EditCredentialPage({ params }: { params: Promise<{ id: string }> }) {
  const parsed = idParamsSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const { id } = parsed.data;
  return (
    <div className="space-y-2">
      <Breadcrumb
        steps={[
          { href: "/credentials", label: "Credentials" },
          { href: `/credentials/${id}`, label: "Credential" },
        ]}
      />
      <h1 className="text-2xl font-semibold tracking-tight">Edit credential</h1>
      <RequireRole role="admin" what="Editing a credential">
        <EditCredential id={id} />
      </RequireRole>
    </div>
  );
}
